package io.strata.planner.diff;

import static io.strata.planner.diff.ScenarioTest.converge;
import static io.strata.planner.diff.ScenarioTest.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.observed.LogicalVolume;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Plan;
import io.strata.planner.policy.Policy;
import io.strata.planner.testing.Desired;
import io.strata.planner.testing.Observed;
import io.strata.planner.testing.PlanEffects;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import io.strata.schema.model.ProviderType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The initialization marker (docs/decisions/005): storage created for a DRBD or LUKS stack carries
 * it until the layers above are initialized, and a plan made after a crash resumes from it — with
 * no state but what is observed on the nodes.
 */
class InitMarkerScenarioTest {
  static DesiredState desired(List<Layer> layers) {
    return Desired.create()
        .node("alpha", Map.of("zone", "a"))
        .node("beta", Map.of("zone", "b"))
        .node("gamma", Map.of("zone", "c"))
        .poolEverywhere(ProviderType.LVM)
        .template("t", layers, Desired.redundancy(layers.contains(Layer.DRBD) ? 2 : 1))
        .volume("pg", "10 GiB", "t", List.of())
        .build();
  }

  static final DesiredState DRBD_LUKS = desired(List.of(Layer.DRBD, Layer.LUKS, Layer.STORAGE));

  /** The effect of the changes of {@code p} that {@code keep} selects (a crash after them). */
  static ObservedState applyOnly(DesiredState d, ObservedState o, Plan p, Predicate<Change> keep) {
    List<Change> done =
        p.changes().stream().filter(keep).map(c -> c.withDependsOn(List.of())).toList();
    return PlanEffects.apply(d, o, new Plan(null, "f", done, List.of(), List.of()));
  }

  @Test
  void crashAfterTheStorageWasCreatedResumesTheWholeInitialization() {
    Plan first = plan(DRBD_LUKS, fresh3());
    ObservedState crashed =
        applyOnly(
            DRBD_LUKS,
            fresh3(),
            first,
            c -> c.layer() == Layer.STORAGE && c.action() == Action.CREATE);
    assertTrue(
        crashed.nodes().values().stream()
            .flatMap(n -> n.logicalVolumes().stream())
            .allMatch(LogicalVolume::initMarker),
        "created with the marker");

    Plan resumed = plan(DRBD_LUKS, crashed);
    assertEquals(List.of(), resumed.refused(), "a marked device is not 'data that may be lost'");
    long syncs =
        resumed.changes().stream()
            .filter(
                c ->
                    c.spec() instanceof ObjectSpec.Drbd d
                        && d.initialSync() != ObjectSpec.Drbd.InitialSync.NONE)
            .count();
    assertEquals(1, syncs, "the initial sync is planned again: " + resumed.changes());
    assertTrue(
        resumed.changes().stream()
            .filter(c -> c.layer() == Layer.LUKS)
            .allMatch(c -> ((ObjectSpec.Luks) c.spec()).freshBacking()),
        "LUKS may format a marked device (after probing)");
    assertTrue(
        resumed.changes().stream()
            .filter(
                c ->
                    c.layer() == Layer.DRBD
                        && c.spec() instanceof ObjectSpec.Drbd d
                        && d.config().host(c.node()).map(h -> !h.diskless()).orElse(false))
            .allMatch(c -> c.reason().startsWith("initialization was interrupted")),
        resumed.changes().toString());
    ObservedState done = PlanEffects.apply(DRBD_LUKS, crashed, resumed);
    assertTrue(plan(DRBD_LUKS, done).isEmpty(), () -> plan(DRBD_LUKS, done).changes().toString());
    assertTrue(
        done.nodes().values().stream()
            .flatMap(n -> n.logicalVolumes().stream())
            .noneMatch(LogicalVolume::initMarker),
        "the marker is gone once initialized");
  }

  @Test
  void withoutTheMarkerExistingStorageIsNeverFormatted() {
    Plan first = plan(DRBD_LUKS, fresh3());
    ObservedState crashed =
        applyOnly(
            DRBD_LUKS,
            fresh3(),
            first,
            c -> c.layer() == Layer.STORAGE && c.action() == Action.CREATE);
    ObservedState unmarked = withoutMarkers(crashed);
    Plan p = plan(DRBD_LUKS, unmarked);
    assertTrue(p.changes().isEmpty(), p.changes().toString());
    assertFalse(p.refused().isEmpty());
    assertTrue(p.refused().get(0).reason().contains("may hold data"), p.refused().toString());
  }

  @Test
  void oneUnmarkedReplicaIsEnoughNeverToForceAnInitialSync() {
    ObservedState converged = converge(DRBD_LUKS, fresh3(), Policy.DEFAULT);
    // a DRBD replica whose storage and resource are gone (heal re-creates it) while its peer kept
    // its data: the new replica carries the marker, the surviving one does not
    NodeState beta = converged.nodes().get("beta");
    ObservedState lost =
        replace(
            converged,
            new NodeState(
                "beta",
                beta.volumeGroups(),
                beta.thinPools(),
                beta.zpools(),
                List.of(),
                beta.zvols(),
                List.of(),
                List.of(),
                beta.nvmeSubsystems(),
                beta.nvmeConnections()));
    Plan p = plan(DRBD_LUKS, lost);
    assertTrue(
        p.changes().stream()
            .noneMatch(
                c ->
                    c.spec() instanceof ObjectSpec.Drbd d
                        && d.initialSync() != ObjectSpec.Drbd.InitialSync.NONE),
        p.changes().toString());
  }

  @Test
  void aClosedLuksContainerIsOpenedNeverFormatted() {
    DesiredState luks = desired(List.of(Layer.LUKS, Layer.STORAGE));
    ObservedState converged = converge(luks, fresh3(), Policy.DEFAULT);
    String node =
        converged.nodes().values().stream()
            .filter(n -> !n.luksDevices().isEmpty())
            .findFirst()
            .orElseThrow()
            .node();
    NodeState n = converged.nodes().get(node);
    ObservedState closed =
        replace(
            converged,
            new NodeState(
                node,
                n.volumeGroups(),
                n.thinPools(),
                n.zpools(),
                n.logicalVolumes(),
                n.zvols(),
                List.of(),
                n.drbdResources(),
                n.nvmeSubsystems(),
                n.nvmeConnections()));
    Plan p = plan(luks, closed);
    assertEquals(List.of(), p.refused());
    assertEquals(1, p.changes().size(), p.changes().toString());
    Change open = p.changes().get(0);
    assertEquals(Action.CREATE, open.action());
    assertFalse(((ObjectSpec.Luks) open.spec()).freshBacking(), "open only, never format");
    assertTrue(open.reason().contains("never format"), open.reason());
  }

  private static ObservedState fresh3() {
    return Observed.fresh(100, "alpha", "beta", "gamma");
  }

  private static ObservedState withoutMarkers(ObservedState o) {
    ObservedState out = o;
    for (NodeState n : o.nodes().values()) {
      List<LogicalVolume> lvs =
          n.logicalVolumes().stream()
              .map(
                  lv -> {
                    TreeSet<String> tags = new TreeSet<>(lv.tags());
                    tags.remove(LogicalVolume.INIT_TAG);
                    return new LogicalVolume(
                        lv.vg(), lv.name(), lv.size(), tags, lv.thinPool(), lv.origin(), lv.attr());
                  })
              .toList();
      out =
          replace(
              out,
              new NodeState(
                  n.node(),
                  n.volumeGroups(),
                  n.thinPools(),
                  n.zpools(),
                  lvs,
                  n.zvols(),
                  n.luksDevices(),
                  n.drbdResources(),
                  n.nvmeSubsystems(),
                  n.nvmeConnections()));
    }
    return out;
  }

  private static ObservedState replace(ObservedState o, NodeState n) {
    TreeMap<String, NodeState> nodes = new TreeMap<>(o.nodes());
    nodes.put(n.node(), n);
    return new ObservedState(nodes, o.unreachable());
  }
}
