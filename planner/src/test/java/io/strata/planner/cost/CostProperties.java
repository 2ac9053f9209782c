package io.strata.planner.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.Planner;
import io.strata.planner.observed.DrbdResource;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.Movement;
import io.strata.planner.plan.Plan;
import io.strata.planner.plan.Redundancy;
import io.strata.planner.testing.PlanEffects;
import io.strata.planner.testing.RandomCluster;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The redundancy a plan reports is a floor: whatever order the runner picks among independent
 * changes, after every step each replicated volume keeps at least the reported minimum of the
 * replicas that were UpToDate before the plan. Steps are applied with {@link PlanEffects}, the test
 * model of what changes do, not with the cost model's own rules. (Replicas the plan adds are not
 * counted: they are UpToDate only once their resync finished.)
 */
class CostProperties {

  @Property(tries = 300)
  void neverBelowTheReportedMinimum(@ForAll long seed) {
    RandomCluster c = RandomCluster.generate(seed);
    Plan plan = Planner.plan(c.desired, c.observed, c.policy, null, "f");
    List<Change> order = randomTopologicalOrder(plan.changes(), new Random(seed));
    for (Redundancy r : plan.cost().redundancy()) {
      Set<String> before = upToDate(c.observed, r.volume());
      assertEquals(before.size(), r.before(), "before of " + r.volume() + "\n" + c);
      assertTrue(r.minimum() <= r.before(), r.toString());
    }
    for (int i = 0; i <= order.size(); i++) {
      Plan prefix = new Plan(null, "f", order.subList(0, i), List.of(), List.of());
      ObservedState o = PlanEffects.apply(c.desired, c.observed, prefix);
      for (Redundancy r : plan.cost().redundancy()) {
        Set<String> kept = upToDate(o, r.volume());
        kept.retainAll(upToDate(c.observed, r.volume()));
        assertTrue(
            kept.size() >= r.minimum(),
            r.volume()
                + ": "
                + kept.size()
                + " UpToDate after "
                + order.subList(0, i).stream().map(Change::id).toList()
                + ", plan reported a minimum of "
                + r.minimum()
                + "\n"
                + c);
      }
    }
  }

  @Property(tries = 200)
  void movementOnlyWhereADiskfulReplicaGetsData(@ForAll long seed) {
    RandomCluster c = RandomCluster.generate(seed);
    Plan plan = Planner.plan(c.desired, c.observed, c.policy, null, "f");
    Set<String> ids = new HashSet<>();
    plan.changes().forEach(ch -> ids.add(ch.id()));
    for (var e : plan.cost().movements().entrySet()) {
      assertTrue(ids.contains(e.getKey()), "movement of a change not in the plan: " + e.getKey());
      Movement m = e.getValue();
      assertTrue(m.bytesPerTarget() > 0 && !m.to().isEmpty(), m.toString());
      assertTrue(m.from().stream().noneMatch(m.to()::contains), "a node syncs from itself: " + m);
      assertEquals(null, m.etaSeconds(), "no rate configured, yet an ETA: " + m);
    }
  }

  static Set<String> upToDate(ObservedState o, String volume) {
    Set<String> out = new TreeSet<>();
    for (NodeState n : o.nodes().values()) {
      DrbdResource r = n.drbdResource(volume).orElse(null);
      if (r != null && r.runtime() != null && "UpToDate".equals(r.runtime().diskState())) {
        out.add(n.node());
      }
    }
    return out;
  }

  /** A random linear extension of the plan's dependency order: one order the runner may pick. */
  static List<Change> randomTopologicalOrder(List<Change> changes, Random random) {
    List<Change> pending = new ArrayList<>(changes);
    Set<String> done = new HashSet<>();
    List<Change> out = new ArrayList<>();
    while (!pending.isEmpty()) {
      List<Change> ready = new ArrayList<>();
      for (Change ch : pending) {
        if (done.containsAll(ch.dependsOn())) {
          ready.add(ch);
        }
      }
      Change pick = ready.get(random.nextInt(ready.size()));
      pending.remove(pick);
      done.add(pick.id());
      out.add(pick);
    }
    return out;
  }
}
