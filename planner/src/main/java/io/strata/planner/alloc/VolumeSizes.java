package io.strata.planner.alloc;

import io.strata.schema.model.ProviderType;

/**
 * The gross size of each layer of one volume, bottom-up from {@code user} (the usable size asked
 * for): what DRBD needs below it (data + internal metadata), what LUKS needs below it (+16 MiB
 * header), and the storage size rounded to the pool's granularity.
 */
public record VolumeSizes(long user, int peerSlots, boolean drbd, boolean luks) {

  /** Peer slots for a new resource: at least 7 (LINSTOR's default), at least hosts − 1. */
  public static int peerSlotsFor(int hosts) {
    return Math.max(7, hosts - 1);
  }

  /** The size of the device DRBD sits on (its "allocated" size), or {@code user} without DRBD. */
  public long belowDrbd() {
    return drbd ? Sizes.drbdGross(user, peerSlots) : user;
  }

  /** The size of the device LUKS sits on, or {@link #belowDrbd()} without LUKS. */
  public long belowLuks() {
    return luks ? Sizes.luksGross(belowDrbd()) : belowDrbd();
  }

  /** The storage object's size on a pool of {@code provider} with {@code extentSize}. */
  public long storage(ProviderType provider, long extentSize) {
    return Sizes.storageGross(belowLuks(), provider, extentSize);
  }
}
