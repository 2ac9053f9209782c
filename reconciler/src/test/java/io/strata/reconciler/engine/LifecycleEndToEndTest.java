package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.naming.Names;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.Plan;
import io.strata.reconciler.drift.DriftClass;
import io.strata.schema.model.Layer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A volume's life on the simulated cluster: grow, access added and removed, shrink never planned.
 */
class LifecycleEndToEndTest {
  @TempDir Path tmp;

  private static String mirrored(String size, String access) {
    return Cluster.templateAndVolume("pg", "drbd, luks, storage", "thick", 2, size, access)
        .replace("pools: [thick]", "pools: [thick], nodes: [alpha, beta]")
        // no tiebreaker, so that gamma holds the resource only while it is an access node
        .replace("  placement:", "  drbd: {autoTiebreaker: false}\n  placement:");
  }

  private static void converge(Engine e, Engine.Desired d) {
    Engine.Applied a = e.apply(e.planFor(d, false, false).plan(), d);
    assertEquals(List.of(), a.failures());
    assertEquals(List.of(), a.remaining());
  }

  private Cluster c;

  @BeforeEach
  void mirroredVolume() {
    c =
        new Cluster(tmp)
            .write("cluster.yaml", Cluster.NODES_AND_POOLS)
            .write("pg.yaml", mirrored("10 GiB", ""));
  }

  /** An engine on the cluster once pg (10 GiB, two replicas) has converged. */
  private Engine converged() {
    Engine e = c.engine();
    converge(e, e.desired(null, null));
    return e;
  }

  @Test
  void growsThroughEveryLayer() {
    try (Engine e = converged()) {
      // vg0 has 100 GiB of which the thin pool takes 80: 10 GiB used, 10 GiB free
      c.write("pg.yaml", mirrored("14 GiB", ""));
      Engine.Desired grown = e.desired(null, null);
      Plan plan = e.planFor(grown, false, false).plan();
      List<Change> resizes = plan.changes();
      assertFalse(resizes.isEmpty());
      assertTrue(resizes.stream().allMatch(ch -> ch.action() == Action.RESIZE), resizes::toString);
      converge(e, grown);
      ObservedState o = e.observe(grown.state()).state();
      long lv =
          o.node("alpha")
              .orElseThrow()
              .logicalVolume("vg0", Names.storageName("pg"))
              .orElseThrow()
              .size();
      assertTrue(lv >= 14L << 30, "LV grew to " + lv);
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }

  @Test
  void growthBeyondFreeSpaceIsRefusedAtPlanTime() {
    try (Engine e = converged()) {
      c.write("pg.yaml", mirrored("40 GiB", ""));
      Plan plan = e.planFor(e.desired(null, null), false, false).plan();
      assertTrue(
          plan.changes().stream().noneMatch(ch -> ch.layer() == Layer.STORAGE),
          plan.changes()::toString);
      assertFalse(plan.refused().isEmpty(), "a grow beyond the pool's free space is refused");
    }
  }

  @Test
  void aSizeLoweredInGitIsARefusedShrinkNeverAShrink() {
    try (Engine e = converged()) {
      c.write("pg.yaml", mirrored("5 GiB", ""));
      Engine.Desired smaller = e.desired(null, null);
      Plan plan = e.planFor(smaller, false, false).plan();
      assertTrue(plan.changes().isEmpty(), plan.changes()::toString);
      assertEquals(1, plan.refused().size(), plan.refused()::toString);
      assertTrue(
          plan.refused().get(0).reason().startsWith("would shrink pg from 10 GiB to 5 GiB"),
          plan.refused()::toString);
      assertTrue(
          e.drift(smaller).items().stream().allMatch(i -> i.driftClass() == DriftClass.REFUSED),
          () -> e.drift(smaller).items().toString());
    }
  }

  @Test
  void accessAddedThenRemoved() {
    try (Engine e = converged()) {
      c.write("pg.yaml", mirrored("10 GiB", "gamma"));
      Engine.Desired withAccess = e.desired(null, null);
      converge(e, withAccess);
      ObservedState o = e.observe(withAccess.state()).state();
      assertTrue(
          o.node("gamma").orElseThrow().drbdResource("pg").isPresent(), "gamma has a client");

      c.write("pg.yaml", mirrored("10 GiB", ""));
      Engine.Desired without = e.desired(null, null);
      converge(e, without);
      o = e.observe(without.state()).state();
      assertTrue(o.node("gamma").orElseThrow().drbdResource("pg").isEmpty(), "client removed");
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }
}
