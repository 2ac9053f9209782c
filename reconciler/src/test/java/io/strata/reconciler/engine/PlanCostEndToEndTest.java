package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.observed.DrbdResource;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.Movement;
import io.strata.planner.plan.Plan;
import io.strata.planner.plan.Redundancy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan's cost against the simulated cluster (decision 013): adding a replica to a thick
 * mirrored volume resyncs exactly the DRBD device's size to the new node, the two old replicas stay
 * UpToDate while it runs (the reported minimum), the resync at the template's c-max-rate ends
 * within the plan's ETA, and then the reported count after the plan is what the cluster shows.
 */
class PlanCostEndToEndTest {
  @TempDir Path tmp;

  private static String volume(int redundancy) {
    return """
        apiVersion: strata.io/v1
        kind: ResourceTemplate
        metadata: {name: mirrored}
        spec:
          layers: [drbd, storage]
          drbd: {autoTiebreaker: false, options: {c-max-rate: 64M}}
          placement: {redundancy: %d, pools: [thick]}
        ---
        apiVersion: strata.io/v1
        kind: Volume
        metadata: {name: pg}
        spec: {size: 2 GiB, template: mirrored}
        """
        .formatted(redundancy);
  }

  private static Map<String, String> diskStates(ObservedState o) {
    Map<String, String> out = new TreeMap<>();
    o.nodes()
        .forEach(
            (node, n) ->
                n.drbdResource("pg")
                    .map(DrbdResource::runtime)
                    .ifPresent(rt -> out.put(node, rt.diskState())));
    return out;
  }

  private static long upToDate(ObservedState o) {
    return diskStates(o).values().stream().filter("UpToDate"::equals).count();
  }

  @Test
  void addingAReplicaCostsWhatThePlanSaid() {
    Cluster c =
        new Cluster(tmp).write("cluster.yaml", Cluster.NODES_AND_POOLS).write("pg.yaml", volume(2));
    try (Engine e = c.engine()) {
      Engine.Desired two = e.desired(null, null);
      Engine.Applied first = e.apply(e.planFor(two, false, false).plan(), two);
      assertEquals(List.of(), first.failures());
      c.write("pg.yaml", volume(3));
      Engine.Desired three = e.desired(null, null);
      Engine.Planned planned = e.planFor(three, false, false);
      Plan plan = planned.plan();
      assertEquals(2, upToDate(planned.observation().state()));

      assertEquals(1, plan.cost().movements().size(), plan.cost().toString());
      Movement m = plan.cost().movements().values().iterator().next();
      assertEquals(Movement.Kind.RESYNC, m.kind());
      String target = m.to().get(0);
      long ratePerSecond = 64L << 20;
      assertEquals(ratePerSecond, m.rate());
      // the whole DRBD device (2 GiB plus what the extent rounding leaves above the metadata)
      assertTrue(m.bytesPerTarget() >= 2L << 30 && m.bytesPerTarget() < (2L << 30) + (8L << 20));
      assertEquals((m.bytesPerTarget() + ratePerSecond - 1) / ratePerSecond, m.etaSeconds());
      Redundancy r = plan.cost().redundancy().get(0);
      assertEquals(new Redundancy("pg", 2, 2, 3, List.of()), r);

      // the simulated link runs at the template's cap
      e.simulation().cluster().setSyncRate(ratePerSecond);
      Engine.Applied applied = e.apply(plan, three);
      assertEquals(List.of(), applied.failures());
      ObservedState during = e.observe(three.state()).state();
      assertNotEquals("UpToDate", diskStates(during).get(target), diskStates(during).toString());
      assertTrue(upToDate(during) >= r.minimum(), diskStates(during).toString());
      long device =
          during.node(target).orElseThrow().drbdResource("pg").orElseThrow().runtime().sizeBytes();
      assertEquals(device, m.bytesPerTarget(), "the resync moves the DRBD device's bytes");

      // half the ETA: still syncing, the old replicas still UpToDate
      e.simulation().cluster().advanceTime(Duration.ofSeconds(m.etaSeconds() / 2));
      ObservedState half = e.observe(three.state()).state();
      assertNotEquals("UpToDate", diskStates(half).get(target), diskStates(half).toString());
      assertTrue(upToDate(half) >= r.minimum(), diskStates(half).toString());

      // the rest of the ETA (and a little): done, as many UpToDate as the plan said
      e.simulation().cluster().advanceTime(Duration.ofSeconds(m.etaSeconds() / 2 + 2));
      ObservedState done = e.observe(three.state()).state();
      assertEquals(r.after(), upToDate(done), diskStates(done).toString());
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }
}
