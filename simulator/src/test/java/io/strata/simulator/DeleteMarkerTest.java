package io.strata.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Host;
import io.strata.executors.layer.ApplyOutcome;
import io.strata.executors.layer.NodeInventory;
import io.strata.executors.lvm.LvmCommands;
import io.strata.executors.secret.ClusterKey;
import io.strata.executors.stack.LayerExecutors;
import io.strata.executors.zfs.ZfsCommands;
import io.strata.planner.observed.LogicalVolume;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.Zvol;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.schema.model.Layer;
import io.strata.simulator.state.SimSeed;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The delete marker of docs/decisions/001 on the simulated cluster: written on create, added and
 * removed by an UPDATE (LVM tag {@code strata-delete}, ZFS {@code strata:owner=strata-delete}), and
 * read back by observation; a retried update is a no-op.
 */
class DeleteMarkerTest {
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

  static Change change(Action a, ObjectSpec spec) {
    return new Change(
        "pg/alpha/storage", a, Layer.STORAGE, "alpha", "pg", "x", null, List.of(), "t", spec);
  }

  static ObjectSpec.Lv lv(String thinPool, boolean marker) {
    return new ObjectSpec.Lv("vg0", thinPool, "pg_00000", 64L << 20, PVS, marker);
  }

  static ObjectSpec.Zvol zvol(boolean marker) {
    return new ObjectSpec.Zvol("tank", "pg_00000", 64L << 20, true, 16384, marker);
  }

  NodeState observe() {
    return ex.observe(alpha, INV);
  }

  LogicalVolume observedLv(String name) {
    return observe().logicalVolume("vg0", name).orElseThrow();
  }

  String owner(String dataset) {
    return observe().zvols().stream()
        .filter(z -> z.dataset().equals(dataset))
        .map(Zvol::owner)
        .findFirst()
        .orElseThrow();
  }

  void ok(ApplyOutcome o) {
    assertTrue(o.success(), o::toString);
  }

  @Test
  void commandsCarryTheMarker() {
    assertEquals(
        List.of(
            "lvcreate",
            "--config",
            LvmCommands.deviceFilter(PVS),
            "--size",
            "65536k",
            "--name",
            "pg_00000",
            "--addtag",
            "strata",
            "--addtag",
            "strata-delete",
            "-y",
            "vg0"),
        ex.commands(change(Action.CREATE, lv(null, true))).get(1).argv());
    assertEquals(
        List.of(
            "lvchange",
            "--config",
            LvmCommands.deviceFilter(PVS),
            "--deltag",
            "strata-delete",
            "--deltag",
            "strata-init",
            "vg0/pg_00000"),
        ex.commands(change(Action.UPDATE, lv(null, false))).get(1).argv());
    assertEquals(
        List.of(
            "zfs",
            "create",
            "-s",
            "-V",
            "65536KB",
            "-o",
            "volblocksize=16384",
            "-o",
            "strata:owner=strata-delete",
            "tank/pg_00000"),
        ex.commands(change(Action.CREATE, zvol(true))).get(1).argv());
    assertEquals(
        List.of("zfs", "set", "strata:owner=strata", "tank/pg_00000"),
        ex.commands(change(Action.UPDATE, zvol(false))).get(1).argv());
    assertEquals(
        List.of("zfs", "inherit", "strata:init", "tank/pg_00000"),
        ex.commands(change(Action.UPDATE, zvol(false))).get(2).argv());
    assertEquals(
        ZfsCommands.snapshot("tank/pg_00000", "s1", true).argv(),
        ex.commands(change(Action.CREATE, new ObjectSpec.StorageSnapshot(zvol(false), "s1", true)))
            .get(1)
            .argv());
  }

  @Test
  void lvmMarkerOnCreateAndUpdate() {
    for (String pool : new String[] {null, "thin"}) {
      ok(ex.apply(alpha, change(Action.CREATE, lv(pool, true))));
      LogicalVolume lv = observedLv("pg_00000");
      assertEquals(List.of("strata", "strata-delete"), List.copyOf(lv.tags()));

      ok(ex.apply(alpha, change(Action.UPDATE, lv(pool, false))));
      assertEquals(List.of("strata"), List.copyOf(observedLv("pg_00000").tags()));
      ok(ex.apply(alpha, change(Action.UPDATE, lv(pool, false)))); // a retry changes nothing
      ok(ex.apply(alpha, change(Action.UPDATE, lv(pool, true))));
      assertTrue(observedLv("pg_00000").tags().contains("strata-delete"));

      var snap = new ObjectSpec.StorageSnapshot(lv(pool, true), "s1", true);
      ok(ex.apply(alpha, change(Action.CREATE, snap)));
      assertTrue(observedLv("s1").tags().contains("strata-delete"));
      ok(
          ex.apply(
              alpha,
              change(Action.UPDATE, new ObjectSpec.StorageSnapshot(lv(pool, true), "s1", false))));
      assertEquals(List.of("strata"), List.copyOf(observedLv("s1").tags()));

      ok(ex.apply(alpha, change(Action.DELETE, snap)));
      ok(ex.apply(alpha, change(Action.DELETE, lv(pool, true))));
      assertTrue(observe().logicalVolume("vg0", "pg_00000").isEmpty());
    }
  }

  @Test
  void zfsMarkerOnCreateAndUpdate() {
    ok(ex.apply(alpha, change(Action.CREATE, zvol(true))));
    assertEquals("strata-delete", owner("tank/pg_00000"));
    ok(ex.apply(alpha, change(Action.UPDATE, zvol(false))));
    assertEquals("strata", owner("tank/pg_00000"));
    ok(ex.apply(alpha, change(Action.UPDATE, zvol(false))));
    ok(ex.apply(alpha, change(Action.UPDATE, zvol(true))));
    assertEquals("strata-delete", owner("tank/pg_00000"));

    ok(
        ex.apply(
            alpha, change(Action.CREATE, new ObjectSpec.StorageSnapshot(zvol(true), "s1", false))));
    assertEquals("strata", owner("tank/pg_00000@s1"));
    ok(
        ex.apply(
            alpha, change(Action.UPDATE, new ObjectSpec.StorageSnapshot(zvol(true), "s1", true))));
    assertEquals("strata-delete", owner("tank/pg_00000@s1"));
  }

  @Test
  void updateNeverTouchesWhatStrataDoesNotOwnOrWhatIsGone() {
    assertInstanceOf(
        ApplyOutcome.Terminal.class, ex.apply(alpha, change(Action.UPDATE, lv(null, true))));
    assertInstanceOf(
        ApplyOutcome.Terminal.class, ex.apply(alpha, change(Action.UPDATE, zvol(true))));
    assertEquals(
        0,
        alpha
            .run(List.of("lvcreate", "--size", "64m", "--name", "pg_00000", "-y", "vg0"))
            .exitCode());
    assertInstanceOf(
        ApplyOutcome.Terminal.class, ex.apply(alpha, change(Action.UPDATE, lv(null, true))));
    assertEquals(List.of(), List.copyOf(observedLv("pg_00000").tags()));
  }
}
