package io.strata.executors.layer;

import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import io.strata.schema.model.Node;
import io.strata.schema.model.StoragePool;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What to observe on one node: the volume groups, thin pools ({@code vg/pool}) and zpools its
 * StoragePools declare, and which upper layers ({@link Layer#LUKS}, {@link Layer#DRBD}, {@link
 * Layer#NVME}) are in use there. Observe asks only about these, so a node without ZFS or DRBD
 * installed is never probed for them.
 */
public record NodeInventory(
    List<String> volumeGroups, List<String> thinPools, List<String> zpools, Set<Layer> layers) {
  public NodeInventory {
    volumeGroups = List.copyOf(volumeGroups);
    thinPools = List.copyOf(thinPools);
    zpools = List.copyOf(zpools);
    layers = layers.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(layers));
  }

  /** Storage only: no LUKS, DRBD or NVMe probes. */
  public static NodeInventory storage(
      List<String> vgs, List<String> thinPools, List<String> zpools) {
    return new NodeInventory(vgs, thinPools, zpools, Set.of());
  }

  /** Storage plus every upper layer. */
  public static NodeInventory all(List<String> vgs, List<String> thinPools, List<String> zpools) {
    return new NodeInventory(
        vgs, thinPools, zpools, EnumSet.of(Layer.LUKS, Layer.DRBD, Layer.NVME));
  }

  public boolean uses(Layer layer) {
    return layers.contains(layer);
  }

  /**
   * What to ask {@code node}: the pools assigned to it by name or by a matching {@code
   * nodeSelector}, and the upper layers any template of the repository uses (a diskless DRBD client
   * or an NVMe initiator can land on any node).
   */
  public static NodeInventory of(DesiredState desired, Node node) {
    TreeSet<String> vgs = new TreeSet<>();
    TreeSet<String> thin = new TreeSet<>();
    TreeSet<String> zpools = new TreeSet<>();
    for (StoragePool p : desired.pools().values()) {
      if (!p.appliesTo(node)) {
        continue;
      }
      StoragePool.Provider pr = p.provider();
      if (pr.type().lvm()) {
        vgs.add(pr.volumeGroup());
        if (pr.type().thin()) {
          thin.add(pr.volumeGroup() + "/" + pr.thinPool());
        }
      } else {
        zpools.add(pr.zpool());
      }
    }
    EnumSet<Layer> layers = EnumSet.noneOf(Layer.class);
    desired
        .templates()
        .values()
        .forEach(t -> t.layers().stream().filter(l -> l != Layer.STORAGE).forEach(layers::add));
    return new NodeInventory(List.copyOf(vgs), List.copyOf(thin), List.copyOf(zpools), layers);
  }
}
