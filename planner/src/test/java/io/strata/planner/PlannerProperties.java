package io.strata.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.index.ObservedIndex;
import io.strata.planner.index.StorageObject;
import io.strata.planner.observed.DrbdConfig;
import io.strata.planner.observed.DrbdResource;
import io.strata.planner.observed.LuksDevice;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Plan;
import io.strata.planner.testing.PlanEffects;
import io.strata.planner.testing.RandomCluster;
import io.strata.schema.model.Layer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Invariants of the planner over random small clusters (see {@link RandomCluster}). */
class PlannerProperties {

  static Plan plan(RandomCluster c) {
    return Planner.plan(c.desired, c.observed, c.policy, null, "f");
  }

  @Property(tries = 300)
  void changesAreInATopologicalOrder(@ForAll long seed) {
    RandomCluster c = RandomCluster.generate(seed);
    Plan p = plan(c);
    Set<String> seen = new HashSet<>();
    for (Change ch : p.changes()) {
      for (String d : ch.dependsOn()) {
        assertTrue(seen.contains(d), ch.id() + " listed before its dependency " + d + "\n" + c);
      }
      assertTrue(seen.add(ch.id()), "duplicate id " + ch.id());
    }
  }

  @Property(tries = 200)
  void planningIsDeterministic(@ForAll long seed) {
    RandomCluster c = RandomCluster.generate(seed);
    assertEquals(plan(c), plan(RandomCluster.generate(seed)));
  }

  @Property(tries = 300)
  void noChangeTouchesAnUnknownNodeOrAnUnownedObject(@ForAll long seed) {
    RandomCluster c = RandomCluster.generate(seed);
    Plan p = plan(c);
    ObservedIndex idx = ObservedIndex.of(c.observed);
    for (Change ch : p.changes()) {
      assertFalse(c.observed.isUnknown(ch.node()), ch.id() + " on an unknown node\n" + c);
      assertTrue(c.observed.nodes().containsKey(ch.node()), ch.id() + " on an unobserved node");
      NodeState n = c.observed.nodes().get(ch.node());
      if (ch.layer() == Layer.STORAGE
          && ch.action() != Action.SNAPSHOT
          && !ch.id().contains(":snapshot")) {
        StorageObject o = idx.storage(ch.volume()).get(ch.node());
        assertTrue(o == null || o.owned(), ch.id() + " touches an unowned " + o);
      }
      if (ch.spec() instanceof ObjectSpec.Luks l) {
        LuksDevice d = n.luksDevice(l.mapping()).orElse(null);
        assertTrue(d == null || d.owned(), ch.id() + " touches an unowned mapping");
      }
      if (ch.spec() instanceof ObjectSpec.Drbd d) {
        DrbdResource r = n.drbdResource(d.config().resource()).orElse(null);
        assertTrue(r == null || r.owned(), ch.id() + " touches an unowned DRBD resource");
      }
    }
  }

  @Property(tries = 300)
  void noShrinkAndNoDeleteUnlessAllowed(@ForAll long seed) {
    RandomCluster c = RandomCluster.generate(seed);
    Plan p = plan(c);
    ObservedIndex idx = ObservedIndex.of(c.observed);
    for (Change ch : p.changes()) {
      if (ch.action() == Action.RESIZE && ch.layer() == Layer.STORAGE) {
        StorageObject o = idx.storage(ch.volume()).get(ch.node());
        assertTrue(ch.size().allocated() > o.size(), ch.id() + " does not grow " + o);
      }
      if (ch.action() == Action.DELETE && !c.desired.volumes().containsKey(ch.volume())) {
        assertTrue(c.policy.prune(), ch.id() + " deletes an orphan without prune\n" + c);
      }
      if (ch.action() == Action.DELETE
          && ch.layer() == Layer.STORAGE
          && c.desired.volumes().containsKey(ch.volume())
          && !ch.id().contains(":snapshot")) {
        // a replica of a volume in Git is only removed while another replica stays
        long others =
            idx.storage(ch.volume()).keySet().stream().filter(n -> !n.equals(ch.node())).count();
        assertTrue(
            others > 0 || hasOtherReplicaInPlan(p, ch), ch.id() + " removes the last replica");
      }
    }
  }

  private static boolean hasOtherReplicaInPlan(Plan p, Change del) {
    return p.changes().stream()
        .anyMatch(
            c ->
                c.volume().equals(del.volume())
                    && c.layer() == Layer.STORAGE
                    && c.action() == Action.CREATE);
  }

  /**
   * Apply the plan to a model of the nodes, plan again: nothing left to do (evacuation may need one
   * more round).
   */
  @Property(tries = 300)
  void planningIsIdempotent(@ForAll long seed) {
    RandomCluster c = RandomCluster.generate(seed);
    ObservedState o = c.observed;
    Plan p = Planner.plan(c.desired, o, c.policy, null, "f");
    for (int round = 0; round < 3 && !p.isEmpty(); round++) {
      o = PlanEffects.apply(c.desired, o, p);
      p = Planner.plan(c.desired, o, c.policy, null, "f");
    }
    assertTrue(p.isEmpty(), "not converged: " + p.changes() + "\n" + c);
  }

  @Property(tries = 200)
  void idempotentInOneRoundWithoutEvacuation(@ForAll long seed) {
    RandomCluster c = RandomCluster.generate(seed);
    boolean evacuating = c.desired.nodes().values().stream().anyMatch(n -> n.evacuate());
    if (evacuating) {
      return;
    }
    Plan p = plan(c);
    ObservedState after = PlanEffects.apply(c.desired, c.observed, p);
    Plan again = Planner.plan(c.desired, after, c.policy, null, "f");
    if (deletesStorage(p)) {
      // Space a plan frees is credited once the delete has happened (a create never waits on
      // another volume's delete): what the first plan refused may go ahead in the second, nothing
      // else may change.
      Set<String> refused = new HashSet<>();
      p.refused().forEach(r -> refused.add(r.volume()));
      assertTrue(
          again.changes().stream().allMatch(ch -> refused.contains(ch.volume())),
          "second plan changes volumes the first did not refuse: " + again.changes() + "\n" + c);
      after = PlanEffects.apply(c.desired, after, again);
      again = Planner.plan(c.desired, after, c.policy, null, "f");
    }
    assertTrue(
        again.isEmpty(),
        "second plan not empty: " + again.changes() + "\nfirst: " + p.changes() + "\n" + c);
  }

  private static boolean deletesStorage(Plan p) {
    return p.changes().stream()
        .anyMatch(ch -> ch.action() == Action.DELETE && ch.layer() == Layer.STORAGE);
  }

  /** One configuration per resource in a plan; minors unique everywhere, ports unique per node. */
  @Property(tries = 300)
  void drbdIdentifiersAreConsistent(@ForAll long seed) {
    RandomCluster c = RandomCluster.generate(seed);
    Plan p = plan(c);
    ObservedState after = PlanEffects.apply(c.desired, c.observed, p);
    Map<String, DrbdConfig> byResource = new HashMap<>();
    for (Change ch : p.changes()) {
      if (ch.spec() instanceof ObjectSpec.Drbd d && ch.action() != Action.DELETE) {
        var prev = byResource.putIfAbsent(d.config().resource(), d.config());
        assertTrue(prev == null || prev.equals(d.config()), "two configs for " + ch.volume());
      }
    }
    Map<Integer, String> minors = new HashMap<>();
    for (NodeState n : after.nodes().values()) {
      Set<Integer> ports = new HashSet<>();
      for (DrbdResource r : n.drbdResources()) {
        if (r.config() == null || !c.desired.volumes().containsKey(r.name())) {
          continue;
        }
        String owner = minors.putIfAbsent(r.config().minor(), r.name());
        assertTrue(owner == null || owner.equals(r.name()), "minor reused: " + r.config().minor());
        assertTrue(ports.add(r.config().port()), "port reused on " + n.node() + "\n" + c);
      }
    }
  }
}
