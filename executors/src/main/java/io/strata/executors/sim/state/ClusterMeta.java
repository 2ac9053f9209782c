package io.strata.executors.sim.state;

import io.strata.executors.sim.LedgerEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Cluster-wide state kept in {@code ledger.json}: the ledger, authorizations and counters. */
public final class ClusterMeta {
  public long nextGeneration = 1;
  public long drbdGeneration = 4;
  public List<LedgerEvent> events = new ArrayList<>();

  /** Entries {@code node + " " + canonicalPath} whose destruction is authorized. */
  public TreeSet<String> authorized = new TreeSet<>();

  public long newGeneration() {
    return nextGeneration++;
  }
}
