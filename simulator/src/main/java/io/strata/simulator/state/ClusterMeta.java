package io.strata.simulator.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Cluster-wide state kept in {@code ledger.json}: the ledger, authorizations and counters. */
public final class ClusterMeta {
  public long nextGeneration = 1;
  public long drbdGeneration = 4;
  public List<LedgerEvent> events = new ArrayList<>();

  /** Entries {@code node + " " + canonicalPath} whose destruction is authorized. */
  public TreeSet<String> authorized = new TreeSet<>();

  /**
   * NVMe target addresses (a port's {@code addr_traddr}) to the nodes that configured a port with
   * it, {@code 0.0.0.0} included: a hint that lets {@code nvme connect} look at one node instead of
   * all. Never pruned; connect verifies every node it names and searches all when none answers.
   */
  public TreeMap<String, TreeSet<String>> nvmeListeners = new TreeMap<>();

  /** Nodes that may listen on {@code traddr}: those configured with it or with 0.0.0.0. */
  public Set<String> nvmeListeners(String traddr) {
    Set<String> out = new TreeSet<>(nvmeListeners.getOrDefault(traddr, new TreeSet<>()));
    out.addAll(nvmeListeners.getOrDefault("0.0.0.0", new TreeSet<>()));
    return out;
  }

  public long newGeneration() {
    return nextGeneration++;
  }
}
