package io.strata.executors.lvm;

import static io.strata.executors.layer.FakeHost.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.layer.ObservationException;
import io.strata.planner.observed.LogicalVolume;
import io.strata.planner.observed.ThinPool;
import io.strata.planner.observed.VolumeGroup;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LvmParserTest {

  @Test
  void segmentRowsOfOneLvAreMerged() {
    // lvs-json.out requested the segment field "devices": lv1 (extended non-contiguously) twice
    List<LogicalVolume> lvs =
        LvmParser.logicalVolumes(fixture("real-tools/lvs-json.out")).volumes();
    assertEquals(List.of("lv1", "lv2renamed"), lvs.stream().map(LogicalVolume::name).toList());
    LogicalVolume lv1 = lvs.get(0);
    assertEquals(50331648L, lv1.size());
    assertEquals(Set.of("t2"), lv1.tags());
    assertEquals("vgtest", lv1.vg());
    assertNull(lv1.thinPool());
    assertNull(lv1.origin());
    assertEquals("-wi-XX----", lv1.attr());
  }

  @Test
  void thinPoolsHiddenAndMetadataLvsAndSnapshotsFromTheVm() {
    LvmParser.Lvs lvs = LvmParser.logicalVolumes(fixture("real-tools/vm-lvs-json.out"));
    assertEquals(
        List.of("drbda", "drbdb", "lv0", "snap1", "thin1"),
        lvs.volumes().stream().map(LogicalVolume::name).toList());
    // tpool: 134217728 bytes, data_percent 6.25
    assertEquals(List.of(new ThinPool("vg0", "tpool", 134217728L, 8388608L)), lvs.thinPools());
    LogicalVolume snap = lvs.volumes().get(3);
    assertEquals("tpool", snap.thinPool());
    assertEquals("thin1", snap.origin());
    assertTrue(snap.isSnapshot());
    assertEquals(Set.of("snaptag"), snap.tags());
    LogicalVolume thin = lvs.volumes().get(4);
    assertEquals(536870912L, thin.size());
    assertTrue(thin.tags().isEmpty());
  }

  @Test
  void volumeGroupsWithTheirPhysicalVolumes() {
    Map<String, List<String>> pvs = LvmParser.physicalVolumes(fixture("real-tools/pvs-json.out"));
    assertEquals(Map.of("vgtest", List.of("/dev/loop0", "/dev/loop1")), pvs);
    List<VolumeGroup> vgs = LvmParser.volumeGroups(fixture("real-tools/vgs-json.out"), pvs);
    assertEquals(
        List.of(
            new VolumeGroup(
                "vgtest", 411041792L, 339738624L, 4194304L, List.of("/dev/loop0", "/dev/loop1"))),
        vgs);
    VolumeGroup vm =
        LvmParser.volumeGroups(
                fixture("real-tools/vm-vgs-json.out"),
                LvmParser.physicalVolumes(fixture("real-tools/vm-pvs-json.out")))
            .get(0);
    assertEquals(
        new VolumeGroup("vg0", 1069547520L, 759169024L, 4194304L, List.of("/dev/loop0")), vm);
  }

  @Test
  void oneFullReportGivesPvsVgsAndLvsOfEveryVg() {
    // captured: lvm 2.03.16 fullreport with LvmCommands.fullReport's options, two VGs (one empty)
    // and a PV in no VG (a section with only pv and pvseg rows)
    String out = fixture("captured/lvm-fullreport-json.out");
    Map<String, List<String>> pvs = LvmParser.physicalVolumes(out);
    assertEquals(Map.of("obsempty", List.of("/dev/loop1"), "obsvg", List.of("/dev/loop0")), pvs);
    assertEquals(
        List.of(
            new VolumeGroup("obsempty", 100663296L, 100663296L, 4194304L, List.of("/dev/loop1")),
            new VolumeGroup("obsvg", 205520896L, 184549376L, 4194304L, List.of("/dev/loop0"))),
        LvmParser.volumeGroups(out, pvs));
    LvmParser.Lvs lvs = LvmParser.logicalVolumes(out);
    assertEquals(List.of("lv-a", "lv-b"), lvs.volumes().stream().map(LogicalVolume::name).toList());
    assertEquals(Set.of("strata", "strata-init"), lvs.volumes().get(1).tags());
    assertEquals(12582912L, lvs.volumes().get(0).size());
    assertEquals(List.of(), lvs.thinPools());
  }

  @Test
  void byteSuffixIsTolerated() {
    var row = LvmParser.rows(fixture("real-tools/vgs-json-units-b.out"), "vg").get(0);
    assertEquals(411041792L, LvmParser.bytes(row, "vg_size"));
  }

  @Test
  void humanUnitsAreRejectedWithAClearMessage() {
    // lvs-json-all.out was captured without --units b: "48.00m"
    ObservationException e =
        assertThrows(
            ObservationException.class,
            () -> LvmParser.logicalVolumes(fixture("real-tools/lvs-json-all.out")));
    assertTrue(e.getMessage().contains("--units b"), e.getMessage());
  }

  @Test
  void notJsonIsAnObservationError() {
    assertThrows(ObservationException.class, () -> LvmParser.logicalVolumes("  Volume group"));
    assertThrows(ObservationException.class, () -> LvmParser.logicalVolumes("{\"x\":1}"));
  }
}
