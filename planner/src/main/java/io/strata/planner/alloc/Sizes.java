package io.strata.planner.alloc;

import io.strata.schema.model.ProviderType;

/**
 * Gross sizes per layer (ARCHITECTURE.md §4), bottom-up from the usable size.
 *
 * <p>DRBD internal metadata, LINSTOR-style: the metadata size depends on the size of the device it
 * lives on, so the gross size {@code G} (in 512-byte sectors) is the smallest value found by the
 * fixed point {@code G = N + Ms(G)} with {@code Ms(S) = ceil(S / 2^18) × 8 × P + 72}, where {@code
 * N} is the net size in sectors (rounded up) and {@code P} the number of peer slots. Starting from
 * {@code G0 = N + Ms(N)}, {@code Ms} is monotone, so the iteration only grows and stops as soon as
 * {@code G − Ms(G) ≥ N} (usually after one step). Check: 256 MiB and 4 peer slots gives 136
 * metadata sectors, as drbdmeta's {@code md_size_sect} reports.
 */
public final class Sizes {
  public static final long SECTOR = 512;
  public static final long LUKS2_HEADER = 16L * 1024 * 1024;
  public static final long DEFAULT_EXTENT = 4L * 1024 * 1024;
  public static final long DEFAULT_VOLBLOCKSIZE = 16L * 1024;

  private Sizes() {}

  /** DRBD 9 internal metadata in sectors for a device of {@code sectors} and {@code peerSlots}. */
  public static long drbdMetaSectors(long sectors, int peerSlots) {
    return ceilDiv(sectors, 1L << 18) * 8 * peerSlots + 72;
  }

  /** The backing size in bytes DRBD needs to offer {@code netBytes} with internal metadata. */
  public static long drbdGross(long netBytes, int peerSlots) {
    long net = ceilDiv(netBytes, SECTOR);
    long gross = net + drbdMetaSectors(net, peerSlots);
    while (gross - drbdMetaSectors(gross, peerSlots) < net) {
      gross = net + drbdMetaSectors(gross, peerSlots);
    }
    return gross * SECTOR;
  }

  /** The container size LUKS2 needs to offer {@code netBytes}. */
  public static long luksGross(long netBytes) {
    return Math.addExact(netBytes, LUKS2_HEADER);
  }

  /** Rounds up to the provider's granularity: the VG extent size, or the zvol volblocksize. */
  public static long storageGross(long bytes, ProviderType provider, long extentSize) {
    long unit =
        provider.lvm() ? (extentSize > 0 ? extentSize : DEFAULT_EXTENT) : DEFAULT_VOLBLOCKSIZE;
    return roundUp(bytes, unit);
  }

  public static long roundUp(long bytes, long unit) {
    return Math.multiplyExact(ceilDiv(bytes, unit), unit);
  }

  static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
