package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.run.ChangeResult;
import io.strata.executors.run.ChangeStatus;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Plan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on the simulated cluster during apply: transient failures are retried, a permanent failure
 * stops only its dependants, an unreachable node fails only its own changes, and a later cycle
 * converges — always with zero data-loss events.
 */
class FaultsEndToEndTest {
  @TempDir Path tmp;

  private Cluster twoVolumes() {
    return new Cluster(tmp)
        .write("cluster.yaml", Cluster.NODES_AND_POOLS)
        .write(
            "a.yaml",
            Cluster.templateAndVolume("on-alpha", "luks, storage", "thick", 1, "4 GiB", "")
                .replace("pools: [thick]", "pools: [thick], nodes: [alpha]"))
        .write(
            "b.yaml",
            Cluster.templateAndVolume("on-beta", "luks, storage", "thick", 1, "4 GiB", "")
                .replace("pools: [thick]", "pools: [thick], nodes: [beta]"));
  }

  @Test
  void aCommandFailingTwiceThenSucceedingIsRetried() {
    try (Engine e = twoVolumes().engine()) {
      Engine.Desired d = e.desired(null, null);
      e.simulation()
          .cluster()
          .faults()
          .failTimes(
              "alpha",
              List.of("lvcreate"),
              2,
              5,
              "  Another LVM command holds the VG lock: try again later.");
      Engine.Applied applied = e.apply(e.planFor(d, false, false).plan(), d);
      assertEquals(List.of(), applied.failures());
      ChangeResult storage = applied.report().result("on-alpha/alpha/storage");
      assertEquals(ChangeStatus.SUCCEEDED, storage.status());
      assertEquals(3, storage.attempts());
      assertEquals(List.of(), applied.remaining());
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }

  @Test
  void aPermanentFailureStopsOnlyItsDependants() {
    try (Engine e = twoVolumes().engine()) {
      Engine.Desired d = e.desired(null, null);
      e.simulation()
          .cluster()
          .faults()
          .failAlways("alpha", List.of("lvcreate"), 5, "  Volume group \"vg0\" not found");
      Engine.Applied applied = e.apply(e.planFor(d, false, false).plan(), d);
      assertEquals(ChangeStatus.FAILED, applied.report().result("on-alpha/alpha/storage").status());
      assertEquals(ChangeStatus.SKIPPED, applied.report().result("on-alpha/alpha/luks").status());
      assertEquals(
          ChangeStatus.SUCCEEDED, applied.report().result("on-beta/beta/storage").status());
      assertEquals(ChangeStatus.SUCCEEDED, applied.report().result("on-beta/beta/luks").status());

      e.simulation().cluster().faults().clear();
      Plan retry = e.planFor(d, false, false).plan();
      assertTrue(retry.changes().stream().allMatch(c -> c.volume().equals("on-alpha")));
      assertEquals(List.of(), e.apply(retry, d).remaining());
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }

  @Test
  void anUnreachableNodeFailsOnlyItsOwnChangesAndIsNotAssumedEmpty() {
    try (Engine e = twoVolumes().engine()) {
      Engine.Desired d = e.desired(null, null);
      Plan plan = e.planFor(d, false, false).plan();
      e.simulation().cluster().faults().setUnreachable("beta", true);
      Engine.Applied applied = e.apply(plan, d);
      assertEquals(ChangeStatus.SUCCEEDED, applied.report().result("on-alpha/alpha/luks").status());
      assertEquals(ChangeStatus.FAILED, applied.report().result("on-beta/beta/storage").status());

      Plan whileDown = e.planFor(d, false, false).plan();
      assertTrue(
          whileDown.changes().stream().noneMatch(c -> c.node().equals("beta")),
          "nothing is planned on an unknown node");

      e.simulation().cluster().faults().setUnreachable("beta", false);
      Plan after = e.planFor(d, false, false).plan();
      assertTrue(
          after.changes().stream()
              .allMatch(c -> c.action() == Action.CREATE || EndToEndTest.initMarkerRemoval(c)));
      assertEquals(List.of(), e.apply(after, d).remaining());
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }
}
