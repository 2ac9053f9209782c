package io.strata.executors.run;

import io.strata.planner.dag.CycleException;
import io.strata.planner.dag.Dag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan's DAG as the walk needs it: vertices {@code 0..n-1} in plan order with int arrays of
 * dependencies and dependants. Built from the planner's {@link Dag#checked}, so that the runner and
 * the planner's order accept and reject exactly the same plans.
 */
final class DependencyGraph {
  private final List<String> ids;
  private final int[][] dependsOn;
  private final int[][] dependants;
  private final List<String> order;

  DependencyGraph(List<String> ids, List<List<String>> dependsOnIds) {
    this.ids = List.copyOf(ids);
    Dag<String> dag;
    try {
      dag = Dag.checked(this.ids, dependsOnIds);
      order = dag.topologicalOrder();
    } catch (CycleException e) {
      throw new IllegalArgumentException(
          "plan has a " + e.getMessage() + " — the plan is inconsistent; re-plan", e);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage().replace("is listed twice", "is the id of two changes");
      throw new IllegalArgumentException(
          "plan: change "
              + m.replace("which is not listed", "which is not in the plan")
              + " — the plan is inconsistent; re-plan",
          e);
    }
    int n = this.ids.size();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < n; i++) {
      index.put(this.ids.get(i), i);
    }
    dependsOn = new int[n][];
    List<List<Integer>> rev = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rev.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      List<String> deps = dependsOnIds.get(i);
      dependsOn[i] = new int[deps.size()];
      for (int k = 0; k < deps.size(); k++) {
        int d = index.get(deps.get(k));
        dependsOn[i][k] = d;
        rev.get(d).add(i);
      }
    }
    dependants = new int[n][];
    for (int i = 0; i < n; i++) {
      dependants[i] = rev.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
  }

  int size() {
    return ids.size();
  }

  String id(int i) {
    return ids.get(i);
  }

  int[] dependsOn(int i) {
    return dependsOn[i];
  }

  int[] dependants(int i) {
    return dependants[i];
  }

  /** The ids in the planner's topological order (dependencies first, ties by id). */
  List<String> topologicalOrder() {
    return order;
  }
}
