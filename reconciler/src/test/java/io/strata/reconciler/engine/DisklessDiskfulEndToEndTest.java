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
import io.strata.simulator.CommandRecord;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A diskless DRBD client that placement picks for a replica gets a disk in place (storage,
 * metadata, adjust: never {@code down}), and a replica that becomes access-only detaches in place
 * before its storage is deleted; the data stays readable throughout.
 */
class DisklessDiskfulEndToEndTest {
  @TempDir Path tmp;

  private Cluster cluster(int redundancy, String nodes) {
    return new Cluster(tmp)
        .write("cluster.yaml", Cluster.NODES_AND_POOLS)
        .write(
            "pg.yaml",
            Cluster.templateAndVolume("pg", "drbd, storage", "thick", redundancy, "2 GiB", "gamma")
                .replace("pools: [thick]", "pools: [thick], nodes: [" + nodes + "]"));
  }

  private static Engine.Desired converge(Engine e) {
    Engine.Desired d = e.desired(null, null);
    Engine.Applied a = e.apply(e.planFor(d, false, false).plan(), d);
    assertEquals(List.of(), a.failures());
    assertEquals(List.of(), a.remaining());
    assertTrue(e.drift(d).inSync(), () -> "converged: " + e.drift(d).items());
    assertTrue(e.planFor(d, false, false).plan().isEmpty(), "plan empty after apply");
    return d;
  }

  private static String status(Engine e, String node) {
    Simulation.RawResult r = e.simulation().run(node, List.of("drbdsetup", "status", "pg"));
    assertEquals(0, r.exitCode(), r.stderr());
    return r.stdout();
  }

  private static List<String> commandsOn(Engine e, String node) {
    return e.simulation().cluster().commandLog(node).stream()
        .map(CommandRecord::argv)
        .map(a -> String.join(" ", a))
        .toList();
  }

  @Test
  void theAccessClientGetsADiskInPlaceAndGivesItBackTheSameWay() {
    try (Engine e = cluster(2, "alpha, beta").engine()) {
      converge(e);
      assertTrue(status(e, "gamma").contains("disk:Diskless"), status(e, "gamma"));
      e.simulation().cluster().markInUse(); // what gamma's application wrote is on alpha and beta

      // redundancy 2 → 3: the third node is the access client
      cluster(3, "alpha, beta, gamma");
      Engine.Desired d3 = e.desired(null, null);
      Plan up = e.planFor(d3, false, false).plan();
      assertTrue(up.changes().stream().noneMatch(c -> c.action() == Action.DELETE), up::toString);
      Change attach = change(up, "pg/gamma/drbd");
      assertEquals(Action.UPDATE, attach.action(), "in place, not re-created");
      assertTrue(((ObjectSpec.Drbd) attach.spec()).freshBacking(), "metadata on the new disk");
      assertTrue(attach.dependsOn().contains("pg/gamma/storage"), attach::toString);
      assertEquals(Action.CREATE, change(up, "pg/gamma/storage").action());
      e.simulation().cluster().clearCommandLog();
      Engine.Applied a = e.apply(up, d3);
      assertEquals(List.of(), a.failures());
      assertEquals(List.of(), a.remaining());
      List<String> gammaCmds = commandsOn(e, "gamma");
      assertTrue(gammaCmds.stream().noneMatch(c -> c.contains(" down")), gammaCmds::toString);
      assertTrue(gammaCmds.stream().anyMatch(c -> c.contains("create-md")), gammaCmds::toString);
      assertTrue(status(e, "gamma").contains("disk:UpToDate"), status(e, "gamma"));
      assertTrue(e.drift(d3).inSync(), () -> "after attach: " + e.drift(d3).items());
      assertTrue(e.planFor(d3, false, false).plan().isEmpty());
      assertEquals(List.of(), e.simulation().dataLoss());

      // and back to 2: gamma stays the access client, detaches, then its storage goes
      cluster(2, "alpha, beta");
      Engine.Desired d2 = e.desired(null, null);
      Plan down = e.planFor(d2, false, false).plan();
      Change detach = change(down, "pg/gamma/drbd");
      assertEquals(Action.UPDATE, detach.action(), "gamma stays in the resource: " + down);
      Change delete = change(down, "pg/gamma/storage");
      assertEquals(Action.DELETE, delete.action());
      assertTrue(delete.dependsOn().contains("pg/gamma/drbd"), delete::toString);
      e.simulation().cluster().clearCommandLog();
      a = e.apply(down, d2);
      assertEquals(List.of(), a.failures());
      assertEquals(List.of(), a.remaining());
      gammaCmds = commandsOn(e, "gamma");
      assertTrue(gammaCmds.stream().noneMatch(c -> c.contains(" down")), gammaCmds::toString);
      String after = status(e, "gamma");
      assertTrue(after.contains("disk:Diskless"), after);
      assertTrue(after.contains("alpha role:Secondary") && after.contains("peer-disk:UpToDate"));
      Simulation.RawResult lv =
          e.simulation().run("gamma", List.of("lvs", "vg0/" + Names.storageName("pg")));
      assertEquals(5, lv.exitCode(), "gamma's storage is gone: " + lv.stdout());
      assertTrue(e.drift(d2).inSync(), () -> "after detach: " + e.drift(d2).items());
      assertTrue(e.planFor(d2, false, false).plan().isEmpty());
      assertEquals(List.of(), e.simulation().dataLoss(), "the data stayed on alpha and beta");
    }
  }

  @Test
  void aDiskDetachedByHandIsDegradedDriftAndReattachedWithoutCreatingMetadata() {
    try (Engine e = cluster(2, "alpha, beta").engine()) {
      Engine.Desired d = converge(e);
      e.simulation().cluster().markInUse();
      assertEquals(0, e.simulation().run("alpha", List.of("drbdadm", "detach", "pg")).exitCode());
      assertTrue(status(e, "alpha").contains("disk:Diskless"), status(e, "alpha"));
      Drift drift = e.drift(d);
      assertTrue(
          drift.items().stream().anyMatch(i -> i.key().equals("drift/pg/alpha/drbd/degraded")),
          drift.items()::toString);
      Plan heal = e.planFor(d, false, false).plan();
      Change reattach = change(heal, "pg/alpha/drbd");
      assertEquals("disk detached; re-attach (heal)", reattach.reason());
      assertFalse(((ObjectSpec.Drbd) reattach.spec()).freshBacking());
      e.simulation().cluster().clearCommandLog();
      e.apply(heal, d);
      assertTrue(commandsOn(e, "alpha").stream().noneMatch(c -> c.contains("create-md")));
      assertTrue(status(e, "alpha").contains("disk:UpToDate"), status(e, "alpha"));
      assertTrue(e.drift(d).inSync(), () -> e.drift(d).items().toString());
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }

  private static Change change(Plan plan, String id) {
    return plan.changes().stream()
        .filter(c -> c.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no change " + id + " in " + plan.changes()));
  }
}
