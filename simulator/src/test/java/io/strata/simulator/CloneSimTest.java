package io.strata.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.executors.layer.ApplyOutcome;
import io.strata.executors.layer.NodeInventory;
import io.strata.executors.lvm.DdProgressParser;
import io.strata.executors.lvm.LvmCommands;
import io.strata.executors.run.CopyProgress;
import io.strata.executors.run.CopyProgressScope;
import io.strata.executors.secret.ClusterKey;
import io.strata.executors.stack.LayerExecutors;
import io.strata.planner.observed.LogicalVolume;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.Zvol;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.ObjectSpec.StorageClone.Method;
import io.strata.schema.model.Layer;
import io.strata.simulator.cmd.Devices;
import io.strata.simulator.state.SimNode;
import io.strata.simulator.state.SimSeed;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The clone executors (docs/decisions/027) against the simulated tools: a thin snapshot, a block
 * copy with {@code dd}, a {@code zfs clone}; the copy carries its source's data identity and its
 * source marker, a retry is a no-op, an interrupted copy is made again without data loss, and the
 * simulated {@code dd} and {@code zfs destroy} fail as the real ones do.
 */
class CloneSimTest {
  static final List<String> PVS = List.of("/dev/sim/vg0-pv0");
  static final NodeInventory INV =
      NodeInventory.storage(List.of("vg0"), List.of("vg0/thin"), List.of("tank"));

  final SimulatedCluster cluster = SimulatedCluster.inMemory(SimSeed.standardFor("alpha"));
  final Host alpha = cluster.host("alpha");
  final LayerExecutors ex =
      new LayerExecutors(
          ref -> {
            throw new AssertionError("no secret needed");
          },
          ClusterKey.of(new byte[32]));

  static Change change(ObjectSpec spec) {
    return new Change(
        "c/alpha/storage",
        Action.CREATE,
        Layer.STORAGE,
        "alpha",
        "c",
        "x",
        null,
        List.of(),
        "t",
        spec);
  }

  static ObjectSpec.Lv lv(String thinPool, String name, boolean init) {
    return new ObjectSpec.Lv("vg0", thinPool, name, 64L << 20, PVS, false, init);
  }

  static ObjectSpec.Zvol zvol(String name) {
    return new ObjectSpec.Zvol("tank", name, 64L << 20, false, 16384, false);
  }

  void ok(ApplyOutcome o) {
    assertTrue(o.success(), o::toString);
  }

  Result run(String... argv) {
    return alpha.run(List.of(argv), new byte[0], Duration.ofSeconds(5));
  }

  NodeState observe() {
    return ex.observe(alpha, INV);
  }

  String dataId(String device) {
    return cluster.inspect(
        cs -> {
          SimNode n = cs.nodes().get("alpha");
          return Devices.resolve(cs, n, device)
              .map(d -> Devices.content(cs, n, d))
              .map(c -> c.dataId)
              .orElse(null);
        });
  }

  /** A source volume that was handed out (so it holds data with an identity). */
  String source(ObjectSpec spec, String device) {
    ok(ex.apply(alpha, change(spec)));
    cluster.markInUse();
    String id = dataId(device);
    assertNotNull(id);
    return id;
  }

  @Test
  void aThinCloneIsAWritableActiveSnapshotCarryingItsSource() {
    String data = source(lv("thin", "src_00000", false), "/dev/vg0/src_00000");
    ObjectSpec.StorageClone c =
        new ObjectSpec.StorageClone(
            lv("thin", "dst_00000", false),
            lv("thin", "src_00000", false),
            null,
            false,
            Method.THIN_SNAPSHOT,
            "volume:src",
            0);
    ok(ex.apply(alpha, change(c)));
    LogicalVolume made = observe().logicalVolume("vg0", "dst_00000").orElseThrow();
    assertEquals("volume:src", made.source());
    assertEquals("src_00000", made.origin());
    assertTrue(made.active(), made.attr());
    assertFalse(made.attr().endsWith("k"), "no activation skip: " + made.attr());
    assertEquals(data, dataId("/dev/vg0/dst_00000"));
    ok(ex.apply(alpha, change(c))); // a retry finds it made
    assertEquals(List.of(), cluster.dataLossEvents());
  }

  @Test
  void aThickCopyCopiesEveryBlockAndAnInterruptedCopyIsMadeAgain() {
    String data = source(lv(null, "src_00000", false), "/dev/vg0/src_00000");
    // an earlier copy stopped after the LV was made: it still carries the initialization marker
    assertTrue(
        LvmCommands.createCopyTarget(PVS, "vg0", "dst_00000", 64L << 20, false, "volume:src")
            .argv()
            .contains("strata-init"));
    Result made =
        alpha.run(
            LvmCommands.createCopyTarget(PVS, "vg0", "dst_00000", 64L << 20, false, "volume:src")
                .argv(),
            new byte[0],
            Duration.ofSeconds(5));
    assertTrue(made.success(), made.err());
    cluster.markInUse(); // nothing hands out storage under the initialization marker
    ObjectSpec.StorageClone c =
        new ObjectSpec.StorageClone(
            lv(null, "dst_00000", true),
            lv(null, "src_00000", false),
            null,
            false,
            Method.BLOCK_COPY,
            "volume:src",
            64L << 20);
    assertEquals(
        List.of(
            "dd",
            "if=/dev/vg0/src_00000",
            "of=/dev/vg0/dst_00000",
            "bs=4M",
            "iflag=direct",
            "oflag=direct",
            "conv=fsync,nocreat",
            "status=progress"),
        ex.commands(change(c)).get(2).argv(),
        "the plan shows the copy as it runs");
    ok(ex.apply(alpha, change(c)));
    LogicalVolume copy = observe().logicalVolume("vg0", "dst_00000").orElseThrow();
    assertFalse(copy.initMarker(), copy.tags().toString());
    assertEquals("volume:src", copy.source());
    assertEquals(data, dataId("/dev/vg0/dst_00000"));
    assertEquals(List.of(), cluster.dataLossEvents());
  }

  @Test
  void theSimulatedDdReportsItsProgressAsGnuDdDoes() {
    source(lv(null, "src_00000", false), "/dev/vg0/src_00000");
    assertTrue(run("lvcreate", "--size", "64m", "--name", "dst", "-y", "vg0").success());
    StringBuilder live = new StringBuilder();
    Result r =
        alpha.run(
            LvmCommands.copy("/dev/vg0/src_00000", "/dev/vg0/dst").argv(),
            new byte[0],
            Duration.ofSeconds(5),
            (b, off, len) -> live.append(new String(b, off, len, StandardCharsets.US_ASCII)));
    assertTrue(r.success(), r.err());
    assertEquals(r.err(), live.toString(), "the listener sees all of stderr");
    List<DdProgressParser.Sample> samples = new DdProgressParser().feed(r.err());
    assertEquals(
        List.of(16L << 20, 32L << 20, 48L << 20, 64L << 20),
        samples.stream().map(DdProgressParser.Sample::bytes).toList(),
        "a line at each quarter, then the summary: " + r.err());
    assertTrue(samples.stream().allMatch(x -> x.bytesPerSecond() == 200e6), samples.toString());
    assertTrue(r.err().startsWith("\r16777216 bytes (17 MB, 16 MiB) copied, "), r.err());
    assertTrue(r.err().contains("\n16+0 records in\n16+0 records out\n"), r.err());

    // without status=progress only the summary
    Result quiet = run("dd", "if=/dev/vg0/src_00000", "of=/dev/vg0/dst", "bs=4M");
    assertFalse(quiet.err().contains("\r"), quiet.err());
    assertEquals(1, new DdProgressParser().feed(quiet.err()).size(), quiet.err());
  }

  @Test
  void aThickCopyReportsItsProgressToTheRunningChange() {
    source(lv(null, "src_00000", false), "/dev/vg0/src_00000");
    cluster.markInUse();
    ObjectSpec.StorageClone c =
        new ObjectSpec.StorageClone(
            lv(null, "dst_00000", true),
            lv(null, "src_00000", false),
            null,
            false,
            Method.BLOCK_COPY,
            "volume:src",
            64L << 20);
    List<CopyProgress> seen = new ArrayList<>();
    ok(CopyProgressScope.with(seen::add, () -> ex.apply(alpha, change(c))));
    assertFalse(seen.isEmpty(), "the copy reported its progress");
    assertEquals(new CopyProgress(16L << 20, 64L << 20, 0.0839, 200e6), seen.get(0));
    assertEquals("16.0 MiB of 64.0 MiB (25 %), 200 MB/s, ETA 1 s", seen.get(0).describe());
  }

  @Test
  void ddFailsAsTheRealOneDoes() {
    source(lv(null, "src_00000", false), "/dev/vg0/src_00000");
    // GNU dd 9.x on a missing target with conv=nocreat (captured on this machine)
    Result missing =
        alpha.run(
            LvmCommands.copy("/dev/vg0/src_00000", "/dev/vg0/nope").argv(),
            new byte[0],
            Duration.ofSeconds(5));
    assertEquals(1, missing.exitCode());
    assertEquals("dd: failed to open '/dev/vg0/nope': No such file or directory\n", missing.err());
    assertTrue(run("lvcreate", "--size", "32m", "--name", "small", "-y", "vg0").success());
    Result full = run("dd", "if=/dev/vg0/src_00000", "of=/dev/vg0/small", "bs=4M");
    assertEquals(1, full.exitCode());
    assertTrue(full.err().startsWith("dd: error writing '/dev/vg0/small': No space left"));
    assertEquals(1, run("dd", "if=/dev/vg0/src_00000", "of=/dev/vg0/small", "bogus=1").exitCode());
  }

  @Test
  void aZvolIsClonedFromASnapshotTakenForItAndTheSnapshotCannotBeDestroyed() {
    String data = source(zvol("src_00000"), "/dev/zvol/tank/src_00000");
    ObjectSpec.StorageClone c =
        new ObjectSpec.StorageClone(
            zvol("dst_00000"),
            zvol("src_00000"),
            "clone_dst",
            true,
            Method.ZFS_CLONE,
            "volume:src",
            0);
    ok(ex.apply(alpha, change(c)));
    ok(ex.apply(alpha, change(c)));
    Zvol made =
        observe().zvols().stream()
            .filter(z -> z.dataset().equals("tank/dst_00000"))
            .findFirst()
            .orElseThrow();
    assertEquals("volume:src", made.source());
    assertTrue(made.owned());
    assertFalse(made.sparse(), "a thick pool's clone reserves its space");
    assertEquals(data, dataId("/dev/zvol/tank/dst_00000"));
    Result origin = run("zfs", "get", "-H", "-o", "value", "origin", "tank/dst_00000");
    assertEquals("tank/src_00000@clone_dst", origin.out().strip());
    Result destroy = run("zfs", "destroy", "tank/src_00000@clone_dst");
    assertEquals(1, destroy.exitCode());
    assertEquals(
        "cannot destroy 'tank/src_00000@clone_dst': snapshot has dependent clones\n"
            + "use '-R' to destroy the following datasets:\ntank/dst_00000",
        destroy.err().strip());
    assertEquals(List.of(), cluster.dataLossEvents());
  }
}
