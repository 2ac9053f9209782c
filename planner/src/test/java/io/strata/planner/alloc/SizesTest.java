package io.strata.planner.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.schema.model.ProviderType;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SizesTest {
  static final long MIB = 1L << 20;
  static final long GIB = 1L << 30;

  @Test
  void metadataMatchesDrbdmetaForAQuarterGibibyteAndFourPeers() {
    // drbdmeta dump-md printed "md_size_sect 136" for 256 MiB with max-peers 4 (cookbook §4.2)
    assertEquals(136, Sizes.drbdMetaSectors(256 * MIB / 512, 4));
  }

  @Test
  void grossOfTenGibibytesWithSevenPeerSlots() {
    long net = 10 * GIB;
    // Cs = 20971520 sectors → 80 bitmap chunks → 80×8×7 + 72 = 4552 sectors; the gross size
    // 20976072 sectors still needs 81 chunks → 4608 sectors.
    long gross = Sizes.drbdGross(net, 7);
    assertEquals((20971520L + 4608) * 512, gross);
    assertEquals(10 * GIB + 4608 * 512, gross);
  }

  @Test
  void lvmRoundsToExtentsAndZfsToVolblocksize() {
    assertEquals(8 * MIB, Sizes.storageGross(4 * MIB + 1, ProviderType.LVM, 4 * MIB));
    assertEquals(8 * MIB, Sizes.storageGross(4 * MIB + 1, ProviderType.LVM_THIN, 0));
    assertEquals(32 * 1024, Sizes.storageGross(16 * 1024 + 1, ProviderType.ZFS, 0));
    assertEquals(GIB + 16 * MIB, Sizes.luksGross(GIB));
  }

  @Test
  void layersStackBottomUp() {
    VolumeSizes s = new VolumeSizes(10 * GIB, 7, true, true);
    assertEquals(Sizes.drbdGross(10 * GIB, 7), s.belowDrbd());
    assertEquals(s.belowDrbd() + 16 * MIB, s.belowLuks());
    assertEquals(Sizes.roundUp(s.belowLuks(), 4 * MIB), s.storage(ProviderType.LVM, 4 * MIB));
    assertEquals(10 * GIB, new VolumeSizes(10 * GIB, 0, false, false).storage(ProviderType.ZFS, 0));
  }

  /** The gross size always leaves at least the net size after metadata, and is the least such. */
  @Property(tries = 500)
  void grossIsTheSmallestSufficientSize(
      @ForAll @LongRange(min = 1, max = 1L << 50) long net,
      @ForAll @IntRange(min = 1, max = 31) int peers) {
    long g = Sizes.drbdGross(net, peers) / 512;
    long n = (net + 511) / 512;
    assertTrue(g - Sizes.drbdMetaSectors(g, peers) >= n);
    long smaller = g - 1;
    assertTrue(smaller - Sizes.drbdMetaSectors(smaller, peers) < n);
  }
}
