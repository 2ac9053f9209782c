package io.strata.executors.lvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.LocalHost;
import io.strata.executors.host.Result;
import io.strata.executors.layer.Command;
import io.strata.executors.layer.Exec;
import io.strata.executors.layer.NodeInventory;
import io.strata.executors.layer.NodeStateBuilder;
import io.strata.executors.layer.ObservationException;
import io.strata.executors.layer.ProcessHost;
import io.strata.planner.observed.LogicalVolume;
import io.strata.planner.observed.NodeState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The real lvm2 accepts LvmCommands' argv and LvmParser reads its output: LVM metadata on a loop
 * device. This kernel has no device-mapper, so mutations run with {@code --driverloaded n} (plus
 * {@code -an -Zn} for lvcreate) inserted after the command name (metadata only; cookbook §1.4); the
 * rest of argv is ours.
 */
class LvmRealToolTest {
  final ProcessHost host = new ProcessHost();

  static List<String> metadataOnly(Command c, String... more) {
    List<String> a = new ArrayList<>(c.argv());
    a.addAll(1, List.of("--driverloaded", "n"));
    a.addAll(3, List.of(more));
    return a;
  }

  Result ok(List<String> argv) {
    Result r = host.run(argv, new byte[0], Duration.ofMinutes(1));
    assertEquals(0, r.exitCode(), String.join(" ", argv) + "\n" + r.err());
    return r;
  }

  @Test
  void observeCreateExtendOnALoopDevice() throws Exception {
    ProcessHost.assumeTools("lvm", "losetup", "truncate");
    Path img = Files.createTempFile("strata-pv", ".img");
    String loop = null;
    String vg = "strata_rt_" + ProcessHandle.current().pid();
    try {
      ok(List.of("truncate", "-s", "64M", img.toString()));
      Result l = host.run("losetup", "-f", "--show", img.toString());
      Assumptions.assumeTrue(l.success(), "SKIPPED: no free loop device: " + l.err());
      loop = l.out().strip();
      ok(List.of("pvcreate", "-y", loop));
      ok(List.of("vgcreate", vg, loop));
      List<String> pvs = List.of(loop);
      ok(
          metadataOnly(
              LvmCommands.createThick(pvs, vg, "pg_00000", 10_000_000, false, true), "-an", "-Zn"));
      ok(metadataOnly(LvmCommands.extend(pvs, vg, "pg_00000", 20L << 20)));
      ok(
          List.of(
              "lvcreate",
              "--driverloaded",
              "n",
              "-an",
              "-Zn",
              "-y",
              "-L",
              "4M",
              "-n",
              "foreign",
              vg));

      NodeStateBuilder b = new NodeStateBuilder("localhost");
      new LvmExecutor().observe(host, NodeInventory.storage(List.of(vg), List.of(), List.of()), b);
      NodeState s = b.build();
      // through LocalHost, which reads the report before LVM has exited (decision 045): the same
      // state, and the exit checked after it
      NodeStateBuilder early = new NodeStateBuilder("localhost");
      new LvmExecutor()
          .observe(
              new LocalHost("localhost"),
              NodeInventory.storage(List.of(vg), List.of(), List.of()),
              early);
      assertEquals(s, early.buildTentative().confirmed());
      assertEquals(1, s.volumeGroups().size());
      assertEquals(List.of(loop), s.volumeGroups().get(0).physicalVolumes());
      assertEquals(4194304L, s.volumeGroups().get(0).extentSize());
      List<LogicalVolume> lvs = s.logicalVolumes();
      assertEquals(List.of("foreign", "pg_00000"), lvs.stream().map(LogicalVolume::name).toList());
      LogicalVolume pg = lvs.get(1);
      assertEquals(20L << 20, pg.size()); // 10 MB rounded up to 12 MiB, then grown to 20 MiB
      assertEquals(Set.of("strata", "strata-init"), pg.tags());
      assertTrue(pg.owned() && pg.initMarker());
      // the initialization marker goes in one lvchange that states both markers; deleting an
      // absent tag (strata-delete) is accepted by the real tool
      ok(metadataOnly(LvmCommands.markers(pvs, vg, "pg_00000", false, false)));
      NodeStateBuilder marked = new NodeStateBuilder("localhost");
      new LvmExecutor()
          .observe(host, NodeInventory.storage(List.of(vg), List.of(), List.of()), marked);
      LogicalVolume done =
          marked.build().logicalVolumes().stream()
              .filter(lv -> lv.name().equals("pg_00000"))
              .findFirst()
              .orElseThrow();
      assertEquals(Set.of("strata"), done.tags());
      assertTrue(!lvs.get(0).owned());
      assertEquals(s.volumeGroups().get(0).size() - (24L << 20), s.volumeGroups().get(0).free());

      // thin argv parses (rc 5 "Pool … not found", not rc 3 "invalid argument")
      Result thin =
          host.run(
              metadataOnly(LvmCommands.createThin(pvs, vg, "tp", "t_00000", 4 << 20, false, true)),
              new byte[0],
              Duration.ofMinutes(1));
      assertEquals(5, thin.exitCode(), thin.err());
      assertTrue(thin.err().contains("Pool tp not found"), thin.err());

      ok(metadataOnly(LvmCommands.remove(pvs, vg, "pg_00000")));
      NodeStateBuilder after = new NodeStateBuilder("localhost");
      new LvmExecutor()
          .observe(host, NodeInventory.storage(List.of(vg), List.of(), List.of()), after);
      assertEquals(
          List.of("foreign"),
          after.build().logicalVolumes().stream().map(LogicalVolume::name).toList());

      // the filter really excludes everything but the VG's PVs
      Result none =
          host.run(
              List.of("vgs", "--config", LvmCommands.deviceFilter(List.of("/dev/null-pv")), vg),
              new byte[0],
              Duration.ofMinutes(1));
      assertEquals(5, none.exitCode(), none.err());
    } finally {
      host.run("vgremove", "-f", vg);
      if (loop != null) {
        host.run("pvremove", "-y", loop);
        host.run("losetup", "-d", loop);
      }
      Files.deleteIfExists(img);
    }
  }

  /**
   * The real LVM writes a report for a VG it cannot find and then exits 5: read early, the report
   * is taken, and the exit found after it still fails the node's observation (decision 045).
   */
  @Test
  void aReportFollowedByAFailedExitFailsTheObservation() {
    ProcessHost.assumeTools("lvm");
    String vg = "strata_absent_" + ProcessHandle.current().pid();
    NodeStateBuilder b = new NodeStateBuilder("localhost");
    String report =
        Exec.document(
            new LocalHost("localhost"),
            Command.of("lvm", "fullreport", "--reportformat", "json", vg),
            b);
    assertTrue(report.strip().startsWith("{") && report.strip().endsWith("}"), report);
    ObservationException e =
        assertThrows(ObservationException.class, () -> b.buildTentative().confirmed());
    assertTrue(e.getMessage().contains("exited 5"), e.getMessage());
    assertTrue(e.getMessage().contains("not found"), e.getMessage());
  }
}
