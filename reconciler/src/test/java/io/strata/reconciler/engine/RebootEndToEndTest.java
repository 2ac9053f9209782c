package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Plan;
import io.strata.reconciler.drift.Drift;
import io.strata.reconciler.drift.DriftClass;
import io.strata.reconciler.status.StatusModel;
import io.strata.simulator.CommandRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node reboots (the simulator's {@code reboot}: LVs inactive, LUKS closed, DRBD down, NVMe
 * exports and connections gone, everything on disk kept) and {@code heal: safe} brings every stack
 * back bottom-up without formatting anything or creating DRBD metadata (docs/decisions/014).
 */
class RebootEndToEndTest {
  @TempDir Path tmp;

  /** Every layer stack on thick, thin and ZFS pools, with DRBD clients and NVMe initiators. */
  private Cluster cluster() {
    return new Cluster(tmp)
        .write("cluster.yaml", Cluster.NODES_AND_POOLS)
        .write(
            "pg.yaml",
            Cluster.templateAndVolume("pg", "drbd, luks, storage", "thick", 2, "4 GiB", "gamma")
                .replace("pools: [thick]", "pools: [thick], nodes: [alpha, beta]"))
        .write(
            "wal.yaml",
            Cluster.templateAndVolume("wal", "drbd, storage", "thin", 2, "2 GiB", "")
                .replace("pools: [thin]", "pools: [thin], nodes: [alpha, beta]"))
        .write(
            "vm.yaml",
            Cluster.templateAndVolume("vm", "nvme, luks, storage", "zfs", 1, "3 GiB", "beta")
                .replace("pools: [zfs]", "pools: [zfs], nodes: [alpha]"))
        .write(
            "img.yaml",
            Cluster.templateAndVolume("img", "nvme, storage", "thin", 1, "1 GiB", "alpha")
                .replace("pools: [thin]", "pools: [thin], nodes: [gamma]"))
        .write(
            "scratch.yaml",
            Cluster.templateAndVolume("scratch", "storage", "thick", 1, "1 GiB", "")
                .replace("pools: [thick]", "pools: [thick], nodes: [alpha]"));
  }

  private static Engine.Desired converge(Engine e) {
    Engine.Desired d = e.desired(null, null);
    Engine.Applied a = e.apply(e.planFor(d, false, false).plan(), d);
    assertEquals(List.of(), a.failures());
    assertEquals(List.of(), a.remaining());
    assertTrue(e.drift(d).inSync(), () -> "converged: " + e.drift(d).items());
    return d;
  }

  private static Set<String> keys(Drift drift) {
    return drift.items().stream().map(i -> i.key()).collect(Collectors.toSet());
  }

  @Test
  void everyNodeRebootsInTurnAndHealSafeBringsItsStackBackWithoutFormatting() {
    try (Engine e = cluster().engine()) {
      Engine.Desired d = converge(e);
      var sim = e.simulation().cluster();
      sim.markInUse(); // applications wrote to every device: re-formatting would be data loss
      for (String node : List.of("alpha", "beta", "gamma")) {
        String summary = e.simulation().reboot(node);
        assertTrue(summary.startsWith(node + " rebooted"), summary);

        Drift drift = e.drift(d);
        assertFalse(drift.inSync(), node + ": a reboot is drift");
        Plan plan = e.planFor(d, false, false).plan();
        assertEquals(List.of(), plan.refused(), node + ": nothing refused");
        for (Change c : plan.changes()) {
          assertFalse(c.action().destructive(), node + ": never destructive: " + c);
          if (c.spec() instanceof ObjectSpec.Luks l) {
            assertFalse(l.freshBacking(), node + ": a LUKS container is opened, never formatted");
          }
          if (c.spec() instanceof ObjectSpec.Drbd dr) {
            assertFalse(dr.freshBacking(), node + ": DRBD metadata exists, never created");
            assertEquals(ObjectSpec.Drbd.InitialSync.NONE, dr.initialSync());
          }
        }
        sim.clearCommandLog();
        Engine.Applied healed = e.apply(plan, d);
        assertEquals(List.of(), healed.failures(), node + ": heal failures");
        assertEquals(List.of(), healed.remaining(), node + ": heal remaining");
        for (CommandRecord r : sim.commandLog()) {
          String argv = String.join(" ", r.argv());
          assertFalse(argv.contains("luksFormat"), node + ": " + argv);
          assertFalse(argv.contains("create-md"), node + ": " + argv);
          assertFalse(argv.startsWith("lvcreate") || argv.startsWith("zfs create"), argv);
          assertFalse(argv.contains("primary --force"), node + ": " + argv);
        }

        assertTrue(e.drift(d).inSync(), () -> node + ": healed: " + e.drift(d).items());
        assertTrue(e.planFor(d, false, false).plan().isEmpty(), node + ": plan empty afterwards");
        StatusModel facts = StatusReport.of(d.state(), e.observe(d.state()).state()).facts();
        for (StatusModel.VolumeFacts v : facts.volumes()) {
          assertTrue(v.ready(), node + ": " + v.name() + " Ready: " + v.readyMessage());
        }
        assertEquals(List.of(), e.simulation().dataLoss(), node + ": zero data-loss events");
      }
    }
  }

  @Test
  void aRebootIsReportedByClassAndThePlanActivatesBeforeItOpens() {
    try (Engine e = cluster().engine()) {
      Engine.Desired d = converge(e);
      e.simulation().reboot("alpha");
      Drift drift = e.drift(d);
      Set<String> keys = keys(drift);
      assertTrue(keys.contains("drift/pg/alpha/storage/inactive"), keys::toString);
      assertTrue(keys.contains("drift/wal/alpha/storage/inactive"), keys::toString);
      assertTrue(keys.contains("drift/scratch/alpha/storage/inactive"), keys::toString);
      assertTrue(keys.contains("drift/pg/alpha/luks/missing"), keys::toString);
      assertTrue(keys.contains("drift/vm/alpha/luks/missing"), keys::toString);
      assertTrue(keys.contains("drift/pg/alpha/drbd/degraded"), keys::toString);
      assertTrue(keys.contains("drift/vm/alpha/nvme/missing"), keys::toString);
      assertTrue(keys.contains("drift/img/alpha/nvme/degraded"), keys::toString);
      assertTrue(
          drift.items().stream()
              .filter(i -> i.driftClass() == DriftClass.INACTIVE)
              .allMatch(i -> i.detail().contains("activate")),
          drift.items()::toString);

      Plan plan = e.planFor(d, false, false).plan();
      Change activate = change(plan, "pg/alpha/storage:activate");
      assertEquals(Action.UPDATE, activate.action());
      assertTrue(activate.spec() instanceof ObjectSpec.LvActivation, activate::toString);
      assertEquals(List.of(activate.id()), change(plan, "pg/alpha/luks").dependsOn());
      assertEquals(List.of("pg/alpha/luks"), change(plan, "pg/alpha/drbd").dependsOn());
      assertEquals(
          List.of("wal/alpha/storage:activate"), change(plan, "wal/alpha/drbd").dependsOn());
      assertTrue(
          e.preview().commands(activate).stream()
              .anyMatch(argv -> argv.containsAll(List.of("lvchange", "--activate", "y"))),
          "the plan shows the lvchange");
    }
  }

  private static Change change(Plan plan, String id) {
    return plan.changes().stream()
        .filter(c -> c.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no change " + id + " in " + plan.changes()));
  }
}
