package io.strata.planner.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.Planner;
import io.strata.planner.observed.DrbdResource;
import io.strata.planner.observed.LogicalVolume;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Plan;
import io.strata.planner.policy.Policy;
import io.strata.planner.testing.PlanEffects;
import io.strata.schema.model.DesiredState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** What the planner does with a node whose runtime objects are gone (docs/decisions/014). */
class RebootScenarioTest {
  /** alpha's LVs inactive (attr state '-') and its DRBD resources down. */
  static ObservedState rebooted(ObservedState o, String node) {
    TreeMap<String, NodeState> nodes = new TreeMap<>(o.nodes());
    NodeState n = nodes.get(node);
    List<LogicalVolume> lvs = new ArrayList<>();
    for (LogicalVolume lv : n.logicalVolumes()) {
      lvs.add(withAttr(lv, lv.attr().substring(0, 4) + '-' + lv.attr().substring(5)));
    }
    List<DrbdResource> drbd = new ArrayList<>();
    n.drbdResources()
        .forEach(r -> drbd.add(new DrbdResource(r.name(), r.owned(), r.config(), null)));
    nodes.put(
        node,
        new NodeState(
            n.node(),
            n.volumeGroups(),
            n.thinPools(),
            n.zpools(),
            lvs,
            n.zvols(),
            List.of(),
            drbd,
            List.of(),
            List.of(),
            n.hostNqn(),
            n.unobserved()));
    return ObservedState.of(nodes, o.unreachable());
  }

  static LogicalVolume withAttr(LogicalVolume lv, String attr) {
    return new LogicalVolume(
        lv.vg(), lv.name(), lv.size(), lv.tags(), lv.thinPool(), lv.origin(), attr);
  }

  @Test
  void inactiveLvIsActivatedBeforeDrbdComesBackAndNothingElseHappens() {
    DesiredState d = ScenarioTest.base(2).build();
    ObservedState o =
        rebooted(ScenarioTest.converge(d, ScenarioTest.fresh(), Policy.DEFAULT), "alpha");
    Plan p = ScenarioTest.plan(d, o);
    assertEquals(
        List.of("pg/alpha/storage:activate update", "pg/alpha/drbd update"), ScenarioTest.ids(p));
    Change activate = p.changes().get(0);
    assertTrue(activate.spec() instanceof ObjectSpec.LvActivation, activate.toString());
    assertEquals("vg0/pg_00000", activate.object());
    assertEquals(List.of(activate.id()), p.changes().get(1).dependsOn());
    ObjectSpec.Drbd drbd = (ObjectSpec.Drbd) p.changes().get(1).spec();
    assertEquals(false, drbd.freshBacking(), "metadata exists: never create-md");
    assertEquals(ObjectSpec.Drbd.InitialSync.NONE, drbd.initialSync());
    assertTrue(p.changes().stream().noneMatch(c -> c.action() == Action.DELETE));
    assertTrue(ScenarioTest.plan(d, PlanEffects.apply(d, o, p)).isEmpty(), "healed");
  }

  @Test
  void healNoneOnlyWarns() {
    DesiredState d = ScenarioTest.base(2).build();
    ObservedState o =
        rebooted(ScenarioTest.converge(d, ScenarioTest.fresh(), Policy.DEFAULT), "alpha");
    Policy none = new Policy(false, Policy.Heal.NONE, 0.10, false);
    Plan p = Planner.plan(d, o, none, null, "f");
    assertEquals(List.of(), p.changes());
    assertTrue(
        p.warnings().contains("pg: storage vg0/pg_00000 on alpha is inactive (heal is off)"),
        p.warnings().toString());
  }

  @Test
  void anUnknownActivationStateIsNotAGuessAndForeignLvsAreNeverActivated() {
    DesiredState d = ScenarioTest.base(2).build();
    ObservedState o = ScenarioTest.converge(d, ScenarioTest.fresh(), Policy.DEFAULT);
    // lvs without a kernel driver prints XX in the state columns: not "inactive"
    TreeMap<String, NodeState> nodes = new TreeMap<>(o.nodes());
    NodeState alpha = nodes.get("alpha");
    List<LogicalVolume> lvs = new ArrayList<>();
    alpha.logicalVolumes().forEach(lv -> lvs.add(withAttr(lv, "-wi-XX----")));
    // and an inactive LV of someone else's beside it
    lvs.add(
        new LogicalVolume(
            "vg0", "other_00000", 1L << 30, new TreeSet<>(Set.of()), null, null, "-wi-------"));
    nodes.put("alpha", ScenarioTest.withLvs(alpha, lvs));
    Plan p = ScenarioTest.plan(d, ObservedState.of(nodes, o.unreachable()));
    assertEquals(List.of(), ScenarioTest.ids(p));
  }
}
