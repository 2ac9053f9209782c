package io.strata.planner.observed;

/** An LVM thin pool {@code vg/name}: physical size and bytes of data already used. */
public record ThinPool(String vg, String name, long size, long used) {
  public long free() {
    return Math.max(0, size - used);
  }
}
