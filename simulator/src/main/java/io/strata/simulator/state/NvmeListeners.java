package io.strata.simulator.state;

import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * NVMe target addresses (a port's {@code addr_traddr}) to the nodes that configured a port with it,
 * {@code 0.0.0.0} included ({@code nvme-listeners.json}): a hint that lets {@code nvme connect}
 * look at one node instead of all. Never pruned; connect verifies every node it names and searches
 * all when none answers. It has an entry per node, so it is written only when an address is new.
 */
public final class NvmeListeners extends MetaPart {
  public TreeMap<String, TreeSet<String>> nvmeListeners = new TreeMap<>();

  /** Nodes that may listen on {@code traddr}: those configured with it or with 0.0.0.0. */
  public Set<String> of(String traddr) {
    Set<String> out = new TreeSet<>(nvmeListeners.getOrDefault(traddr, new TreeSet<>()));
    out.addAll(nvmeListeners.getOrDefault("0.0.0.0", new TreeSet<>()));
    return out;
  }

  public void add(String traddr, String node) {
    if (nvmeListeners.computeIfAbsent(traddr, k -> new TreeSet<>()).add(node)) {
      changed();
    }
  }
}
