package io.strata.reconciler.engine;

import io.strata.executors.layer.NodeInventory;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Node;
import java.util.Map;
import java.util.TreeMap;

/**
 * What to observe on each node, derived from the manifests (see {@link NodeInventory#of}): the VGs,
 * thin pools and zpools of the pools that live there, and the upper layers any template uses.
 * Probing only these keeps one batched call per node per layer and never runs a tool the node does
 * not need; {@link ClusterObserver} widens it for nodes that hold storage of volumes that left Git.
 */
final class Inventories {
  private Inventories() {}

  static Map<String, NodeInventory> of(DesiredState desired) {
    Map<String, NodeInventory> out = new TreeMap<>();
    for (Node n : desired.nodes().values()) {
      out.put(n.name(), NodeInventory.of(desired, n));
    }
    return out;
  }
}
