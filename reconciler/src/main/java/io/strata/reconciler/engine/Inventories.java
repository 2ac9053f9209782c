package io.strata.reconciler.engine;

import io.strata.executors.layer.NodeInventory;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import io.strata.schema.model.Node;
import io.strata.schema.model.ProviderType;
import io.strata.schema.model.ResourceTemplate;
import io.strata.schema.model.StoragePool;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What to observe on each node, derived from the manifests: the VGs, thin pools and zpools of the
 * pools that live there, and the upper layers any template uses. Probing only these keeps one
 * batched call per node per layer and never runs a tool the node does not need.
 */
final class Inventories {
  private Inventories() {}

  static Map<String, NodeInventory> of(DesiredState desired) {
    Set<Layer> upper = EnumSet.noneOf(Layer.class);
    for (ResourceTemplate t : desired.templates().values()) {
      t.layers().stream().filter(l -> l != Layer.STORAGE).forEach(upper::add);
    }
    Map<String, NodeInventory> out = new TreeMap<>();
    for (Node n : desired.nodes().values()) {
      Set<String> vgs = new TreeSet<>();
      Set<String> thin = new TreeSet<>();
      Set<String> zpools = new TreeSet<>();
      for (StoragePool p : desired.pools().values()) {
        if (!onNode(p, n)) {
          continue;
        }
        StoragePool.Provider pr = p.provider();
        if (pr.type().lvm()) {
          vgs.add(pr.volumeGroup());
          if (pr.type() == ProviderType.LVM_THIN) {
            thin.add(pr.volumeGroup() + "/" + pr.thinPool());
          }
        } else {
          zpools.add(pr.zpool());
        }
      }
      out.put(
          n.name(),
          new NodeInventory(List.copyOf(vgs), List.copyOf(thin), List.copyOf(zpools), upper));
    }
    return out;
  }

  static boolean onNode(StoragePool p, Node n) {
    if (p.node() != null) {
      return p.node().equals(n.name());
    }
    return !p.nodeSelector().isEmpty()
        && p.nodeSelector().entrySet().stream()
            .allMatch(e -> e.getValue().equals(n.metadata().labels().get(e.getKey())));
  }
}
