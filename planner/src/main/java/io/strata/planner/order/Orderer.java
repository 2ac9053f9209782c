package io.strata.planner.order;

import io.strata.planner.dag.Dag;
import io.strata.planner.plan.Change;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Orders changes by their dependencies. */
public final class Orderer {
  private Orderer() {}

  /**
   * The changes in a valid topological order (ties by id), with each {@code dependsOn} sorted.
   *
   * @throws IllegalArgumentException on a duplicate id or a dependency on a change that is not
   *     listed, {@link io.strata.planner.dag.CycleException} on a cycle (each a planner bug: the
   *     runner would refuse the plan for the same reason)
   */
  public static List<Change> order(Collection<Change> changes) {
    Map<String, Change> byId = new HashMap<>();
    changes.forEach(c -> byId.put(c.id(), c));
    Dag<String> dag =
        Dag.checked(
            changes.stream().map(Change::id).toList(),
            changes.stream().map(Change::dependsOn).toList());
    List<Change> out = new ArrayList<>(changes.size());
    for (String id : dag.topologicalOrder()) {
      Change c = byId.get(id);
      List<String> deps = new ArrayList<>(dag.dependenciesOf(id));
      out.add(deps.equals(c.dependsOn()) ? c : c.withDependsOn(deps));
    }
    return out;
  }

  /** {@code changes} without {@code drop} and without everything depending on them. */
  public static List<Change> without(Collection<Change> changes, Set<String> drop) {
    Dag<String> dag = new Dag<>();
    for (Change c : changes) {
      dag.add(c.id());
      c.dependsOn().forEach(d -> dag.dependsOn(c.id(), d));
    }
    Set<String> gone = new HashSet<>(drop);
    for (String d : drop) {
      gone.addAll(dag.dependantsOf(d));
    }
    return changes.stream().filter(c -> !gone.contains(c.id())).toList();
  }
}
