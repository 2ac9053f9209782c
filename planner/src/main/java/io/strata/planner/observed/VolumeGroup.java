package io.strata.planner.observed;

import java.util.List;

/**
 * An LVM volume group: sizes in bytes, and its physical volumes (for the per-command device
 * filter).
 */
public record VolumeGroup(
    String name, long size, long free, long extentSize, List<String> physicalVolumes) {
  public VolumeGroup {
    physicalVolumes = List.copyOf(physicalVolumes);
  }
}
