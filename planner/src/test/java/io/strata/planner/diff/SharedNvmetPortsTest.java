package io.strata.planner.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.NvmeSubsystem;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.order.Orderer;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.schema.model.Layer;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The port edges of docs/decisions/026, change by change. */
class SharedNvmetPortsTest {
  private static final ObservedState NONE = ObservedState.empty();

  /** alpha with the subsystems of {@code volumes} linked to port 4420 at 10.0.0.1. */
  private static ObservedState servingBoth(String... volumes) {
    List<NvmeSubsystem> subsystems =
        java.util.Arrays.stream(volumes)
            .map(
                v ->
                    new NvmeSubsystem(
                        "nqn.2014-08.io.strata:" + v,
                        List.of(),
                        List.of(new NvmeSubsystem.Port(4420, "tcp", "10.0.0.1", 4420)),
                        List.of(),
                        false))
            .toList();
    NodeState alpha =
        new NodeState(
            "alpha",
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            subsystems,
            List.of());
    return ObservedState.of(Map.of("alpha", alpha), Map.of());
  }

  private static ObservedState serving(String volume) {
    return servingBoth(volume);
  }

  private static Map<String, Boolean> ready(List<Change> changes) {
    return changes.stream()
        .filter(c -> c.spec() instanceof ObjectSpec.NvmeExport)
        .collect(
            Collectors.toMap(Change::id, c -> ((ObjectSpec.NvmeExport) c.spec()).portShared()));
  }

  private static Change export(
      String volume, String node, Action action, int port, String address, String... deps) {
    ObjectSpec.NvmeExport spec =
        new ObjectSpec.NvmeExport(
            "nqn.2014-08.io.strata:" + volume,
            1,
            "/dev/vg0/" + volume + "_00000",
            port,
            "tcp",
            address,
            port,
            List.of());
    return new Change(
        volume + "/" + node + "/nvme",
        action,
        Layer.NVME,
        node,
        volume,
        spec.nqn(),
        null,
        List.of(deps),
        "r",
        spec);
  }

  private static Change export(String volume, String node, Action action, String... deps) {
    return export(volume, node, action, 4420, "10.0.0.1", deps);
  }

  private static Map<String, List<String>> deps(List<Change> changes) {
    return changes.stream().collect(Collectors.toMap(Change::id, Change::dependsOn));
  }

  @Test
  void theFirstExportOfANodesPortConfiguresItTheOthersFollowIt() {
    List<Change> out =
        SharedNvmetPorts.order(
            NONE,
            List.of(
                export("c", "alpha", Action.CREATE, "c/alpha/storage"),
                export("a", "alpha", Action.CREATE, "a/alpha/storage"),
                export("b", "alpha", Action.UPDATE),
                export("d", "beta", Action.CREATE), // another node
                export("e", "alpha", Action.CREATE, 4421, "10.0.0.1"))); // another port
    Map<String, List<String>> d = deps(out);
    assertEquals(List.of("a/alpha/storage"), d.get("a/alpha/nvme"));
    assertEquals(List.of("a/alpha/nvme"), d.get("b/alpha/nvme"), "a star, not a chain");
    assertEquals(List.of("c/alpha/storage", "a/alpha/nvme"), d.get("c/alpha/nvme"));
    assertEquals(List.of(), d.get("d/beta/nvme"));
    assertEquals(List.of(), d.get("e/alpha/nvme"));
    assertEquals(
        Map.of(
            "a/alpha/nvme", false, // configures the port
            "b/alpha/nvme", true,
            "c/alpha/nvme", true,
            "d/beta/nvme", false,
            "e/alpha/nvme", false),
        ready(out));
  }

  @Test
  void aPortObservedServingAsWantedIsOnlyLinkedTo() {
    List<Change> out =
        SharedNvmetPorts.order(
            serving("s"),
            List.of(export("a", "alpha", Action.CREATE), export("b", "alpha", Action.CREATE)));
    assertEquals(Map.of("a/alpha/nvme", List.of(), "b/alpha/nvme", List.of()), deps(out));
    assertEquals(Map.of("a/alpha/nvme", true, "b/alpha/nvme", true), ready(out));
    List<Change> other =
        SharedNvmetPorts.order(
            serving("s"), List.of(export("a", "alpha", Action.CREATE, 4420, "10.0.0.9")));
    assertEquals(Map.of("a/alpha/nvme", false), ready(other), "another address: reconfigured");
  }

  @Test
  void aDeleteLeavesThePortToTheSubsystemsThatStay() {
    List<Change> out =
        SharedNvmetPorts.order(
            servingBoth("s", "t"),
            List.of(export("t", "alpha", Action.DELETE), export("s", "alpha", Action.DELETE)));
    assertEquals(List.of("s/alpha/nvme"), deps(out).get("t/alpha/nvme"));
    assertEquals(
        Map.of("s/alpha/nvme", true, "t/alpha/nvme", false),
        ready(out),
        "s runs first and leaves t; t then removes the port");
    List<Change> one =
        SharedNvmetPorts.order(servingBoth("s", "t"), List.of(export("s", "alpha", Action.DELETE)));
    assertEquals(Map.of("s/alpha/nvme", true), ready(one));
  }

  @Test
  void aPortWhoseLastSubsystemIsDeletedIsConfiguredAgain() {
    List<Change> out =
        SharedNvmetPorts.order(
            serving("s"),
            List.of(export("s", "alpha", Action.DELETE), export("a", "alpha", Action.CREATE)));
    assertEquals(List.of("s/alpha/nvme"), deps(out).get("a/alpha/nvme"));
    assertEquals(Map.of("s/alpha/nvme", false, "a/alpha/nvme", false), ready(out));
  }

  @Test
  void deletesRunOneByOneAndBeforeExportsThatStay() {
    List<Change> out =
        SharedNvmetPorts.order(
            NONE,
            List.of(
                export("x", "alpha", Action.DELETE, "x/beta/nvme"),
                export("y", "alpha", Action.DELETE),
                export("a", "alpha", Action.CREATE),
                export("b", "alpha", Action.CREATE)));
    Map<String, List<String>> d = deps(out);
    assertEquals(List.of("x/beta/nvme"), d.get("x/alpha/nvme"));
    assertEquals(List.of("x/alpha/nvme"), d.get("y/alpha/nvme"));
    assertEquals(List.of("y/alpha/nvme"), d.get("a/alpha/nvme"));
    assertEquals(List.of("y/alpha/nvme", "a/alpha/nvme"), d.get("b/alpha/nvme"));
  }

  @Test
  void otherChangesAndUnlinkedSubsystemsGetNoEdge() {
    List<Change> in =
        List.of(
            export("a", "alpha", Action.CREATE),
            export("b", "alpha", Action.RESIZE),
            export("c", "alpha", Action.DELETE, 0, null), // linked to no port
            new Change(
                "d/alpha/storage",
                Action.CREATE,
                Layer.STORAGE,
                "alpha",
                "d",
                "vg0/d_00000",
                null,
                List.of(),
                "r",
                null));
    assertSame(in, SharedNvmetPorts.order(NONE, in), "nothing to order");
  }

  /** A pair already ordered the other way (through any path) keeps that order: never a cycle. */
  @Test
  void anExistingOrderIsKeptRatherThanMadeACycle() {
    List<Change> out =
        SharedNvmetPorts.order(
            NONE,
            List.of(
                export("a", "alpha", Action.CREATE),
                export("x", "alpha", Action.DELETE, "m"),
                storage("m", "a/alpha/nvme")));
    Map<String, List<String>> d = deps(out);
    assertEquals(List.of(), d.get("a/alpha/nvme"), "x runs after a already");
    assertEquals(List.of("m"), d.get("x/alpha/nvme"));
    Orderer.order(out);
  }

  /** A pair already ordered through other changes gets no second, redundant edge. */
  @Test
  void anOrderImpliedAlreadyAddsNoEdge() {
    List<Change> out =
        SharedNvmetPorts.order(
            NONE,
            List.of(
                export("a", "alpha", Action.CREATE, "m"),
                storage("m", "x/alpha/nvme"),
                export("x", "alpha", Action.DELETE),
                export("b", "alpha", Action.CREATE)));
    Map<String, List<String>> d = deps(out);
    assertEquals(List.of("m"), d.get("a/alpha/nvme"), "after the delete through m");
    assertEquals(List.of("x/alpha/nvme", "a/alpha/nvme"), d.get("b/alpha/nvme"));
    Orderer.order(out);
  }

  private static Change storage(String id, String... deps) {
    return new Change(
        id, Action.CREATE, Layer.STORAGE, "alpha", "v", id, null, List.of(deps), "r", null);
  }
}
