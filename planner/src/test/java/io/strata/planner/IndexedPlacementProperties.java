package io.strata.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strata.planner.place.Placer;
import io.strata.planner.plan.Plan;
import io.strata.planner.testing.RandomCluster;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Placement through the sorted candidate index decides exactly what the plain scan of every (node,
 * pool) decides: whole plans, refusals and their explanations included, over random clusters with
 * full pools, drift, unknown nodes, evacuations and every layer stack.
 */
class IndexedPlacementProperties {

  @Property(tries = 1000)
  void theIndexChoosesWhatTheScanChooses(@ForAll long seed) {
    RandomCluster c = RandomCluster.generate(seed);
    Plan indexed = Planner.plan(c.desired, c.observed, c.policy, null, "f", Placer.Search.INDEXED);
    Plan scanned = Planner.plan(c.desired, c.observed, c.policy, null, "f", Placer.Search.SCAN);
    assertEquals(scanned, indexed, c.toString());
  }
}
