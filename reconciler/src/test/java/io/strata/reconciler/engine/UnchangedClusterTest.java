package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.index.ObservedIndex;
import io.strata.planner.naming.Names;
import io.strata.planner.observed.ObservedState;
import io.strata.reconciler.daemon.CycleObservation;
import io.strata.reconciler.daemon.DriftReport;
import io.strata.reconciler.daemon.PlanOutcome;
import io.strata.reconciler.daemon.PlanRequest;
import io.strata.reconciler.daemon.Validation;
import io.strata.schema.model.DesiredState;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cycle that finds the cluster as the last one did is handed the same observation objects, so the
 * plan, the drift report and the JSON made from them are reused, not made again (decision 038); the
 * first difference on a node makes all of them afresh, and the other nodes keep their states.
 */
class UnchangedClusterTest {
  @TempDir Path tmp;

  @Test
  void anUnchangedClusterReusesTheObservationPlanAndDriftAndAChangeMakesThemAfresh() {
    Cluster c =
        new Cluster(tmp)
            .write("cluster.yaml", Cluster.NODES_AND_POOLS)
            .write("a.yaml", Cluster.templateAndVolume("a", "storage", "thick", 1, "1 GiB", ""));
    try (Engine e = c.engine()) {
      EngineCycleSteps steps = new EngineCycleSteps(e);
      Validation<DesiredState> v = steps.validate("c1", c.files());
      DesiredState desired = ((Validation.Valid<DesiredState>) v).desired();
      CycleObservation<ObservedState> first = steps.observe();
      steps.apply(plan(steps, desired, first));
      CycleObservation<ObservedState> converged = steps.reobserve(first);
      PlanOutcome p1 = plan(steps, desired, converged);
      assertEquals(List.of(), p1.plan().changes());
      DriftReport d1 = steps.drift(desired, converged);

      CycleObservation<ObservedState> again = steps.observe();
      assertSame(converged, again);
      PlanOutcome p2 = plan(steps, desired, again);
      assertSame(p1.plan(), p2.plan());
      assertSame(p1.markdown(), p2.markdown());
      assertSame(d1, steps.drift(desired, again));
      // other inputs of the planner are part of what is compared
      assertNotSame(p1.plan(), plan(steps, desired, again, Set.of("a")).plan());

      // the LV removed behind Strata's back: a new observation, plan and drift report
      String node = ObservedIndex.of(again.state()).nodes("a").first();
      var r = e.simulation().run(node, List.of("lvremove", "-y", "vg0/" + Names.storageName("a")));
      assertEquals(0, r.exitCode(), r.stderr());
      CycleObservation<ObservedState> drifted = steps.observe();
      assertNotSame(again, drifted);
      assertNotEquals(again.json(), drifted.json());
      assertEquals(e.observe(desired).state(), drifted.state());
      // the nodes seen as before keep their states; only the changed node's is new (decision 047)
      assertTrue(again.state().nodes().size() > 1);
      again
          .state()
          .nodes()
          .forEach(
              (n, was) -> {
                if (n.equals(node)) {
                  assertNotSame(was, drifted.state().nodes().get(n));
                } else {
                  assertSame(was, drifted.state().nodes().get(n), n + " is as it was");
                }
              });
      PlanOutcome p3 = plan(steps, desired, drifted);
      assertEquals(1, p3.plan().changes().size(), p3.plan().changes().toString());
      DriftReport d3 = steps.drift(desired, drifted);
      assertNotSame(d1, d3);
      assertTrue(d3.objects().size() > d1.objects().size(), d3.objects().toString());
    }
  }

  private static PlanOutcome plan(
      EngineCycleSteps steps, DesiredState desired, CycleObservation<ObservedState> observed) {
    return plan(steps, desired, observed, Set.of());
  }

  private static PlanOutcome plan(
      EngineCycleSteps steps,
      DesiredState desired,
      CycleObservation<ObservedState> observed,
      Set<String> backedOff) {
    return steps.plan(new PlanRequest<>("c1", desired, observed, true, backedOff));
  }
}
