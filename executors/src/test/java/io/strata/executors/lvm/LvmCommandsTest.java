package io.strata.executors.lvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LvmCommandsTest {
  static final List<String> PVS = List.of("/dev/sdc", "/dev/sdb");
  static final String F =
      "devices { use_devicesfile=0 filter=[ 'a|^/dev/sdb$|', 'a|^/dev/sdc$|', 'r|.*|' ] }";

  @Test
  void filterIsAnchoredSortedEscapedAndEndsWithRejectAll() {
    assertEquals(F, LvmCommands.deviceFilter(PVS));
    assertEquals(
        "devices { use_devicesfile=0 filter=[ 'a|^/dev/disk/by-id/nvme-x\\.1\\+2$|', 'r|.*|' ] }",
        LvmCommands.deviceFilter(List.of("/dev/disk/by-id/nvme-x.1+2")));
    assertThrows(IllegalArgumentException.class, () -> LvmCommands.deviceFilter(List.of()));
    assertThrows(IllegalArgumentException.class, () -> LvmCommands.deviceFilter(List.of("/a|b")));
  }

  @Test
  void sizesAreKibRoundedUp() {
    assertEquals("1k", LvmCommands.kib(1));
    assertEquals("1k", LvmCommands.kib(1024));
    assertEquals("2k", LvmCommands.kib(1025));
    assertEquals("10485760k", LvmCommands.kib(10L << 30));
    assertThrows(IllegalArgumentException.class, () -> LvmCommands.kib(0));
  }

  @Test
  void exactArgv() {
    assertEquals(
        List.of(
            "lvcreate",
            "--config",
            F,
            "--size",
            "102400k",
            "--name",
            "pg_00000",
            "--addtag",
            "strata",
            "-y",
            "vg0"),
        LvmCommands.createThick(PVS, "vg0", "pg_00000", 100L << 20, false, false).argv());
    assertEquals(
        List.of(
            "lvcreate",
            "--config",
            F,
            "--virtualsize",
            "102400k",
            "--thinpool",
            "thin",
            "--name",
            "pg_00000",
            "--addtag",
            "strata",
            "vg0"),
        LvmCommands.createThin(PVS, "vg0", "thin", "pg_00000", 100L << 20, false, false).argv());
    assertEquals(
        List.of("lvextend", "--config", F, "--size", "204800k", "vg0/pg_00000"),
        LvmCommands.extend(PVS, "vg0", "pg_00000", 200L << 20).argv());
    assertEquals(
        List.of("lvremove", "--config", F, "-y", "vg0/pg_00000"),
        LvmCommands.remove(PVS, "vg0", "pg_00000").argv());
    assertEquals(
        List.of(
            "lvs",
            "--config",
            F,
            "--reportformat",
            "json",
            "--units",
            "b",
            "--nosuffix",
            "-o",
            "lv_name,vg_name,lv_size,lv_tags,pool_lv,origin,lv_attr,data_percent",
            "vg0",
            "vg1"),
        LvmCommands.lvs(PVS, List.of("vg0", "vg1")).argv());
    assertEquals(
        List.of(
            "vgs",
            "--config",
            F,
            "--reportformat",
            "json",
            "--units",
            "b",
            "--nosuffix",
            "-o",
            "vg_name,vg_size,vg_free,vg_extent_size",
            "vg0"),
        LvmCommands.vgs(PVS, List.of("vg0")).argv());
    assertEquals(
        List.of(
            "pvs",
            "--config",
            "devices { use_devicesfile=0 filter=[ 'r|^/dev/drbd.*|', 'r|^/dev/mapper/strata-.*|',"
                + " 'r|^/dev/zd.*|', 'r|^/dev/zvol/.*|' ] }",
            "--reportformat",
            "json",
            "--units",
            "b",
            "--nosuffix",
            "-o",
            "pv_name,vg_name"),
        LvmCommands.pvs().argv());
    assertEquals(
        List.of(
            "lvcreate",
            "--config",
            F,
            "--snapshot",
            "--setactivationskip",
            "y",
            "--ignoreactivationskip",
            "--activate",
            "y",
            "--name",
            "s1",
            "--addtag",
            "strata",
            "vg0/pg_00000"),
        LvmCommands.snapshotThin(PVS, "vg0", "pg_00000", "s1", false).argv());
    assertEquals(
        List.of(
            "lvcreate",
            "--config",
            F,
            "--size",
            "4k",
            "--snapshot",
            "--name",
            "s1",
            "--addtag",
            "strata",
            "vg0/pg_00000"),
        LvmCommands.snapshotThick(PVS, "vg0", "pg_00000", "s1", 4096, false).argv());
  }
}
