package io.strata.planner.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Plan;
import io.strata.planner.policy.Policy;
import io.strata.planner.testing.PlanEffects;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Placement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A diskless client that gains a disk, and a replica that becomes access-only: both in place. */
class InPlaceDiskScenarioTest {
  static DesiredState pg(int redundancy, String... nodes) {
    Placement p = new Placement(redundancy, List.of(nodes), List.of(), null, Map.of());
    return ScenarioTest.base(2).volume("pg", "10 GiB", "r", p, List.of("gamma")).build();
  }

  static Change change(Plan p, String id) {
    return p.changes().stream()
        .filter(c -> c.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + id + " in " + ScenarioTest.ids(p)));
  }

  @Test
  void theAccessClientGetsADiskWithoutBeingRemovedOrRecreated() {
    ObservedState o =
        ScenarioTest.converge(pg(2, "alpha", "beta"), ScenarioTest.fresh(), Policy.DEFAULT);
    DesiredState three = pg(3, "alpha", "beta", "gamma");
    Plan p = ScenarioTest.plan(three, o);
    assertTrue(p.changes().stream().noneMatch(c -> c.action() == Action.DELETE), p::toString);
    Change storage = change(p, "pg/gamma/storage");
    assertEquals(Action.CREATE, storage.action());
    Change drbd = change(p, "pg/gamma/drbd");
    assertEquals(Action.UPDATE, drbd.action());
    ObjectSpec.Drbd spec = (ObjectSpec.Drbd) drbd.spec();
    assertTrue(spec.freshBacking(), "create-md on the new, empty disk");
    assertEquals(ObjectSpec.Drbd.InitialSync.NONE, spec.initialSync(), "peers resync it");
    assertTrue(drbd.dependsOn().contains(storage.id()), drbd::toString);
    assertTrue(drbd.reason().contains("in place"), drbd.reason());
    assertTrue(ScenarioTest.plan(three, PlanEffects.apply(three, o, p)).isEmpty());
  }

  @Test
  void aReplicaThatBecomesAccessOnlyDetachesBeforeItsStorageGoes() {
    DesiredState three = pg(3, "alpha", "beta", "gamma");
    ObservedState o = ScenarioTest.converge(three, ScenarioTest.fresh(), Policy.DEFAULT);
    Plan p = ScenarioTest.plan(pg(2, "alpha", "beta"), o);
    Change drbd = change(p, "pg/gamma/drbd");
    assertEquals(Action.UPDATE, drbd.action(), "gamma stays in the resource");
    assertFalse(((ObjectSpec.Drbd) drbd.spec()).freshBacking());
    Change delete = change(p, "pg/gamma/storage");
    assertEquals(Action.DELETE, delete.action());
    assertTrue(delete.dependsOn().contains(drbd.id()), delete::toString);
    assertTrue(delete.dependsOn().contains("pg/alpha/drbd"), "peers reconfigured first");
    assertTrue(
        p.changes().stream()
            .filter(c -> c.action() == Action.DELETE)
            .allMatch(c -> c.id().equals(delete.id())),
        "only gamma's storage is deleted: " + ScenarioTest.ids(p));
  }
}
