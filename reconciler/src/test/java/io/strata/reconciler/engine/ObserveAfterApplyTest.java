package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.index.ObservedIndex;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.Plan;
import io.strata.reconciler.daemon.CycleObservation;
import io.strata.reconciler.daemon.PlanOutcome;
import io.strata.reconciler.daemon.Validation;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After an apply, the cycle observes again only the nodes the apply may have changed: those its
 * changes ran on and those holding any object of a volume it changed (a DRBD peer sees the new
 * replica connect). The others keep this cycle's observation, the one the plan was made from.
 */
class ObserveAfterApplyTest {
  @TempDir Path tmp;

  @Test
  void onlyTheNodesOfTheChangedVolumesAreObservedAgain() {
    Cluster c =
        new Cluster(tmp)
            .write("cluster.yaml", Cluster.NODES_AND_POOLS)
            .write("a.yaml", Cluster.templateAndVolume("a", "storage", "thick", 1, "1 GiB", ""))
            .write(
                "m.yaml", Cluster.templateAndVolume("m", "drbd, storage", "thin", 2, "1 GiB", ""));
    try (Engine e = c.engine()) {
      EngineCycleSteps steps = new EngineCycleSteps(e);
      assertTrue(steps.validate("c1", c.files()) instanceof Validation.Valid<?>);
      CycleObservation<ObservedState> first = steps.observe();
      steps.apply(outcome(e, first));
      CycleObservation<ObservedState> converged = steps.reobserve(first);
      assertEquals(List.of(), e.planFor(e.desired(null, null), false, false).plan().changes());

      // growing m would touch every node holding it: replicas and tiebreaker see the new size
      c.write("m.yaml", Cluster.templateAndVolume("m", "drbd, storage", "thin", 2, "2 GiB", ""));
      assertTrue(steps.validate("c2", c.files()) instanceof Validation.Valid<?>);
      Set<String> mNodes = ObservedIndex.of(converged.state()).nodes("m");
      assertTrue(mNodes.size() >= 2, mNodes.toString());
      assertEquals(
          mNodes, EngineCycleSteps.touched(outcome(e, converged).plan(), converged.state()));

      // growing a (one LV on one node) touches that node only
      c.write("m.yaml", Cluster.templateAndVolume("m", "drbd, storage", "thin", 2, "1 GiB", ""));
      c.write("a.yaml", Cluster.templateAndVolume("a", "storage", "thick", 1, "2 GiB", ""));
      assertTrue(steps.validate("c3", c.files()) instanceof Validation.Valid<?>);
      CycleObservation<ObservedState> before = steps.observe();
      String aNode = ObservedIndex.of(before.state()).nodes("a").first();
      PlanOutcome grow = outcome(e, before);
      assertEquals(Set.of(aNode), EngineCycleSteps.touched(grow.plan(), before.state()));
      steps.apply(grow);
      CycleObservation<ObservedState> after = steps.reobserve(before);
      for (String node : before.state().nodes().keySet()) {
        if (node.equals(aNode)) {
          assertNotSame(before.state().nodes().get(node), after.state().nodes().get(node), node);
        } else {
          assertSame(before.state().nodes().get(node), after.state().nodes().get(node), node);
        }
      }
      // what was observed again is what a full observation sees, and the cluster converged
      ObservedState full = e.observe(e.desired(null, null).state()).state();
      assertEquals(full.nodes().get(aNode), after.state().nodes().get(aNode));
      assertEquals(List.of(), e.planFor(e.desired(null, null), false, false).plan().changes());
    }
  }

  private static PlanOutcome outcome(Engine e, CycleObservation<ObservedState> observed) {
    Engine.Desired d = e.desired(null, null);
    Plan p = e.plan(d, new Engine.Observation(observed.state(), ""), false);
    return new PlanOutcome(p, "", Set.of(), null);
  }
}
