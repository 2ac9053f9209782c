package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.naming.Names;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Plan;
import io.strata.reconciler.drift.Drift;
import io.strata.reconciler.drift.DriftClass;
import io.strata.reconciler.drift.DriftItem;
import io.strata.schema.model.Layer;
import io.strata.simulator.CommandRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift caused by hand on the simulated cluster, as an administrator would (the same argv as {@code
 * strata sim run}), and how it is classified: every divergence is drift, healed or not.
 */
class DriftEndToEndTest {
  @TempDir Path tmp;

  private static final String PINNED = "pools: [thick], nodes: [alpha]";

  private Cluster cluster(String layers) {
    return new Cluster(tmp)
        .write("cluster.yaml", Cluster.NODES_AND_POOLS)
        .write(
            "pg.yaml",
            Cluster.templateAndVolume("pg", layers, "thick", 1, "4 GiB", "")
                .replace("pools: [thick]", PINNED));
  }

  private static Engine.Desired converge(Engine e) {
    Engine.Desired d = e.desired(null, null);
    Engine.Applied a = e.apply(e.planFor(d, false, false).plan(), d);
    assertEquals(List.of(), a.failures());
    assertEquals(List.of(), a.remaining());
    assertTrue(e.drift(d).inSync(), () -> "converged: " + e.drift(d).items());
    return d;
  }

  private static void byHand(Engine e, String node, String... argv) {
    Simulation.RawResult r = e.simulation().run(node, List.of(argv));
    assertEquals(0, r.exitCode(), String.join(" ", argv) + ": " + r.stderr());
  }

  private static Optional<DriftItem> item(Drift drift, String key) {
    return drift.items().stream().filter(i -> i.key().equals(key)).findFirst();
  }

  @Test
  void anLvGrownByHandIsResizedDriftNeverAShrinkAndPollutesNoOtherPlan() {
    try (Engine e = cluster("storage").engine()) {
      Engine.Desired d = converge(e);
      byHand(e, "alpha", "lvextend", "-L", "+2g", "vg0/" + Names.storageName("pg"));

      Drift drift = e.drift(d);
      DriftItem resized =
          item(drift, "drift/pg/alpha/storage/resized")
              .orElseThrow(() -> new AssertionError("no resized drift: " + drift.items()));
      assertTrue(resized.detail().contains("larger than the declared"), resized.detail());
      assertEquals(1, drift.items().size(), drift.items()::toString);

      // an unrelated change in Git plans cleanly: no "would shrink … refused"
      new Cluster(tmp)
          .write(
              "other.yaml",
              Cluster.templateAndVolume("other", "storage", "thick", 1, "1 GiB", "")
                  .replace("pools: [thick]", "pools: [thick], nodes: [beta]"));
      Plan plan = e.planFor(e.desired(null, null), false, false).plan();
      assertEquals(List.of(), plan.refused());
      assertTrue(plan.changes().stream().allMatch(c -> c.volume().equals("other")), plan::toString);
      assertEquals(1, plan.divergences().size(), plan.divergences()::toString);
    }
  }

  @Test
  void aZvolGrownByHandIsResizedDriftToo() {
    try (Engine e =
        new Cluster(tmp)
            .write("cluster.yaml", Cluster.NODES_AND_POOLS)
            .write(
                "pg.yaml",
                Cluster.templateAndVolume("pg", "storage", "zfs", 1, "4 GiB", "")
                    .replace("pools: [zfs]", "pools: [zfs], nodes: [alpha]"))
            .engine()) {
      Engine.Desired d = converge(e);
      byHand(e, "alpha", "zfs", "set", "volsize=6G", "tank/" + Names.storageName("pg"));
      Drift drift = e.drift(d);
      assertTrue(
          item(drift, "drift/pg/alpha/storage/resized").isPresent(), drift.items()::toString);
      Plan plan = e.planFor(d, false, false).plan();
      assertEquals(List.of(), plan.refused());
      assertEquals(List.of(), plan.changes());
    }
  }

  @Test
  void anNvmePathDisconnectedByHandIsDegradedDriftAndReconnected() {
    try (Engine e =
        new Cluster(tmp)
            .write("cluster.yaml", Cluster.NODES_AND_POOLS)
            .write(
                "vm.yaml",
                Cluster.templateAndVolume("vm", "nvme, storage", "thick", 1, "4 GiB", "beta")
                    .replace("pools: [thick]", PINNED))
            .engine()) {
      Engine.Desired d = converge(e);
      byHand(e, "beta", "nvme", "disconnect", "-n", Names.nqn("vm"));
      Drift drift = e.drift(d);
      assertTrue(item(drift, "drift/vm/beta/nvme/degraded").isPresent(), drift.items()::toString);
      assertEquals(List.of(), e.apply(e.planFor(d, false, false).plan(), d).remaining());
      assertTrue(e.drift(d).inSync(), () -> "reconnected: " + e.drift(d).items());
    }
  }

  @Test
  void aLuksMappingClosedByHandIsMissingDriftAndHealedByReopeningNeverFormatting() {
    try (Engine e = cluster("luks, storage").engine()) {
      Engine.Desired d = converge(e);
      byHand(e, "alpha", "cryptsetup", "close", Names.luksMapping("pg"));

      Drift drift = e.drift(d);
      DriftItem closed =
          item(drift, "drift/pg/alpha/luks/missing")
              .orElseThrow(() -> new AssertionError("no luks drift: " + drift.items()));
      assertTrue(closed.detail().contains("closed"), closed.detail());

      Plan heal = e.planFor(d, false, false).plan();
      Change open =
          heal.changes().stream()
              .filter(c -> c.layer() == Layer.LUKS)
              .findFirst()
              .orElseThrow(() -> new AssertionError("heal: safe re-opens: " + heal));
      assertEquals(Action.CREATE, open.action());
      assertFalse(((ObjectSpec.Luks) open.spec()).freshBacking(), "open-only, never format");

      e.simulation().cluster().clearCommandLog();
      Engine.Applied applied = e.apply(heal, d);
      assertEquals(List.of(), applied.failures());
      List<List<String>> ran =
          e.simulation().cluster().commandLog("alpha").stream().map(CommandRecord::argv).toList();
      assertTrue(ran.stream().noneMatch(a -> a.contains("luksFormat")), ran::toString);
      assertTrue(ran.stream().anyMatch(a -> a.contains("open")), ran::toString);
      assertTrue(e.drift(d).inSync(), () -> "healed: " + e.drift(d).items());
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }

  @Test
  void aDrbdResourceDownedByHandIsDegradedDrift() {
    try (Engine e =
        new Cluster(tmp)
            .write("cluster.yaml", Cluster.NODES_AND_POOLS)
            .write(
                "pg.yaml",
                Cluster.templateAndVolume("pg", "drbd, storage", "thick", 2, "4 GiB", "")
                    .replace("pools: [thick]", "pools: [thick], nodes: [alpha, beta]"))
            .engine()) {
      Engine.Desired d = converge(e);
      byHand(e, "alpha", "drbdadm", "down", Names.drbdResource("pg"));
      Drift drift = e.drift(d);
      assertTrue(item(drift, "drift/pg/alpha/drbd/degraded").isPresent(), drift.items()::toString);
      assertTrue(
          drift.items().stream().allMatch(i -> !i.key().contains(" ")), drift.items()::toString);
      assertEquals(List.of(), e.apply(e.planFor(d, false, false).plan(), d).remaining());
      assertTrue(e.drift(d).inSync(), () -> "healed: " + e.drift(d).items());
    }
  }

  @Test
  void anObjectInTheWayIsARefusedHealAndIsReported() {
    try (Engine e = cluster("storage").engine()) {
      Engine.Desired d = converge(e);
      byHand(e, "alpha", "lvremove", "-y", "vg0/" + Names.storageName("pg"));
      // someone else's LV of the same name: Strata refuses to touch it
      byHand(e, "alpha", "lvcreate", "-n", Names.storageName("pg"), "-L", "1g", "vg0");
      Drift drift = e.drift(d);
      DriftItem refused =
          item(drift, "drift/pg/alpha/volume/refused")
              .orElseThrow(() -> new AssertionError("no refused drift: " + drift.items()));
      assertTrue(refused.detail().contains("not Strata's"), refused.detail());
    }
  }

  @Test
  void anUnreachableNodesAttachedVolumesAreUnreachableNotNotAttachedYet() {
    try (Engine e =
        new Cluster(tmp)
            .write("cluster.yaml", Cluster.NODES_AND_POOLS)
            .write(
                "vm.yaml",
                Cluster.templateAndVolume("vm", "nvme, storage", "thick", 1, "4 GiB", "gamma")
                    .replace("pools: [thick]", PINNED))
            .engine()) {
      Engine.Desired d = converge(e);
      e.simulation().cluster().faults().setUnreachable("gamma", true);
      Drift drift = e.drift(d);
      assertTrue(
          item(drift, "drift/-/gamma/node/unreachable").isPresent(), drift.items()::toString);
      DriftItem attached =
          item(drift, "drift/vm/gamma/node/unreachable")
              .orElseThrow(() -> new AssertionError("vm on gamma: " + drift.items()));
      assertTrue(attached.detail().startsWith("attachment on gamma"), attached.detail());
      Plan plan = e.planFor(d, false, false).plan();
      assertTrue(
          plan.warnings().stream().noneMatch(w -> w.contains("not attached yet")),
          plan.warnings()::toString);
      assertTrue(
          plan.warnings().stream().anyMatch(w -> w.contains("access node gamma is unreachable")),
          plan.warnings()::toString);
    }
  }

  @Test
  void healNoneStillReportsDrift() {
    try (Engine e = cluster("storage").engine()) {
      Engine.Desired d = converge(e);
      byHand(e, "alpha", "lvremove", "-y", "vg0/" + Names.storageName("pg"));
      Drift drift = e.drift(d);
      assertTrue(
          item(drift, "drift/pg/alpha/storage/missing").isPresent(), drift.items()::toString);
      assertTrue(drift.items().stream().allMatch(i -> i.driftClass() == DriftClass.MISSING));
    }
  }
}
