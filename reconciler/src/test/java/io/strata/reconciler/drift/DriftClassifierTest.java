package io.strata.reconciler.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.Divergence;
import io.strata.planner.plan.Plan;
import io.strata.planner.plan.Refusal;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The classification alone: a pure function of the heal-everything plan and the observation. */
class DriftClassifierTest {
  private static Change change(Action a, Layer layer, String volume, String node, String object) {
    return new Change(
        volume + "/" + node + "/" + layer.yamlName(),
        a,
        layer,
        node,
        volume,
        object,
        null,
        List.of(),
        "because",
        null);
  }

  @Test
  void changesRefusalsDivergencesAndUnknownNodesEachHaveTheirClassAndAKeyWithoutSpaces() {
    Plan plan =
        new Plan(
            null,
            "f",
            List.of(
                change(Action.CREATE, Layer.STORAGE, "a", "n1", "vg0/a_00000"),
                change(Action.DELETE, Layer.DRBD, "b", "n2", "b"),
                change(Action.UPDATE, Layer.DRBD, "c", "n1", "c"),
                change(Action.RESIZE, Layer.STORAGE, "d", "n1", "vg0/d_00000"),
                change(Action.CONNECT, Layer.NVME, "e", "n2", "nqn.2014-08.io.strata:e")),
            List.of(new Refusal("f", "n1", "vg0/f_00000 exists but is not Strata's")),
            List.of(),
            List.of(
                new Divergence.Resized(
                    "logs", "n3", Layer.STORAGE, "vg0/logs_00000", 10L << 30, 12L << 30)));
    ObservedState observed =
        ObservedState.of(Map.of("n1", NodeState.empty("n1")), Map.of("n9", "ssh: timed out"));
    Drift drift = DriftClassifier.classify(DesiredState.empty(), observed, plan);
    Map<String, DriftClass> byKey =
        drift.items().stream().collect(Collectors.toMap(DriftItem::key, DriftItem::driftClass));
    assertEquals(
        Map.of(
            "drift/-/n9/node/unreachable", DriftClass.UNREACHABLE,
            "drift/a/n1/storage/missing", DriftClass.MISSING,
            "drift/b/n2/drbd/orphaned", DriftClass.ORPHANED,
            "drift/c/n1/drbd/config", DriftClass.CONFIG,
            "drift/d/n1/storage/config", DriftClass.CONFIG,
            "drift/e/n2/nvme/degraded", DriftClass.DEGRADED,
            "drift/f/n1/volume/refused", DriftClass.REFUSED,
            "drift/logs/n3/storage/resized", DriftClass.RESIZED),
        byKey);
    assertTrue(drift.items().stream().noneMatch(i -> i.key().contains(" ")));
    assertFalse(drift.inSync());
  }

  @Test
  void anEmptyPlanOfAReachableClusterIsInSync() {
    Plan plan = new Plan(null, "f", List.of(), List.of(), List.of());
    assertTrue(
        DriftClassifier.classify(DesiredState.empty(), ObservedState.empty(), plan).inSync());
  }

  @Test
  void twoChangesOfOneObjectAreOneItem() {
    Change create = change(Action.UPDATE, Layer.STORAGE, "a", "n1", "vg0/a_00000");
    Change marker =
        new Change(
            "a/n1/storage:marker",
            Action.UPDATE,
            Layer.STORAGE,
            "n1",
            "a",
            "vg0/a_00000",
            null,
            List.of(),
            "remove the marker",
            null);
    Plan plan = new Plan(null, "f", List.of(create, marker), List.of(), List.of());
    Drift drift = DriftClassifier.classify(DesiredState.empty(), ObservedState.empty(), plan);
    assertEquals(1, drift.items().size(), drift.items()::toString);
    assertTrue(drift.items().get(0).detail().contains("remove the marker"));
  }
}
