package io.strata.planner.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strata.planner.dag.CycleException;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.schema.model.Layer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrdererTest {
  static Change c(String id, String... deps) {
    return new Change(
        id, Action.CREATE, Layer.STORAGE, "n", "v", id, null, List.of(deps), "r", null);
  }

  @Test
  void ordersByDependenciesThenId() {
    List<Change> out = Orderer.order(List.of(c("b", "a"), c("c"), c("a")));
    assertEquals(List.of("a", "b", "c"), out.stream().map(Change::id).toList());
    assertEquals(List.of("a"), out.get(1).dependsOn());
  }

  /** The runner refuses a plan with a dangling edge; the planner must never make one. */
  @Test
  void aDanglingEdgeIsABugNotSilentlyDropped() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Orderer.order(List.of(c("b", "a", "gone"), c("a"))));
    assertEquals("b depends on gone, which is not listed", e.getMessage());
  }

  @Test
  void withoutDropsDependantsTransitively() {
    List<Change> all = List.of(c("a"), c("b", "a"), c("c", "b"), c("d"));
    assertEquals(List.of("d"), Orderer.without(all, Set.of("a")).stream().map(Change::id).toList());
  }

  @Test
  void aCycleIsAPlannerBugAndSaysWhere() {
    CycleException e =
        assertThrows(CycleException.class, () -> Orderer.order(List.of(c("a", "b"), c("b", "a"))));
    assertEquals("dependency cycle: a -> b -> a", e.getMessage());
  }

  @Test
  void duplicateIdsAreRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Orderer.order(List.of(c("a"), c("a"))));
    assertEquals("a is listed twice", e.getMessage());
  }
}
