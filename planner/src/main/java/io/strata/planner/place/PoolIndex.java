package io.strata.planner.place;

import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Node;
import io.strata.schema.model.StoragePool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which StoragePools exist on which node: {@code spec.node}, or every Git node whose labels match
 * {@code spec.nodeSelector}. Computed once per plan.
 */
public final class PoolIndex {
  private final SortedMap<String, List<StoragePool>> byNode = new TreeMap<>();
  private final SortedMap<String, List<String>> nodesOfPool = new TreeMap<>();

  public PoolIndex(DesiredState desired) {
    for (Node n : desired.nodes().values()) {
      byNode.put(n.name(), new ArrayList<>());
    }
    for (StoragePool p : desired.pools().values()) {
      List<String> nodes = new ArrayList<>();
      for (Node n : desired.nodes().values()) {
        if (appliesTo(p, n)) {
          nodes.add(n.name());
          byNode.get(n.name()).add(p);
        }
      }
      nodesOfPool.put(p.name(), nodes);
    }
  }

  static boolean appliesTo(StoragePool p, Node n) {
    if (p.node() != null) {
      return p.node().equals(n.name());
    }
    return !p.nodeSelector().isEmpty() && matches(n.metadata().labels(), p.nodeSelector());
  }

  /** Whether {@code labels} contain every entry of {@code selector}. */
  public static boolean matches(Map<String, String> labels, Map<String, String> selector) {
    for (Map.Entry<String, String> e : selector.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** Pools on {@code node}, in pool-name order. */
  public List<StoragePool> poolsOn(String node) {
    return byNode.getOrDefault(node, List.of());
  }

  /** Nodes of pool {@code pool}, in name order. */
  public List<String> nodesOf(String pool) {
    return nodesOfPool.getOrDefault(pool, List.of());
  }
}
