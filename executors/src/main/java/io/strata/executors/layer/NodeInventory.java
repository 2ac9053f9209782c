package io.strata.executors.layer;

import io.strata.schema.model.Layer;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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
}
