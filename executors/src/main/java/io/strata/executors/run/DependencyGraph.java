package io.strata.executors.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A DAG over vertices {@code 0..n-1} given as ids with {@code dependsOn} lists; knows nothing about
 * storage. Rejects duplicate ids, unknown dependencies and cycles with a message naming them.
 */
final class DependencyGraph {
  private final List<String> ids;
  private final int[][] dependsOn;
  private final int[][] dependants;

  DependencyGraph(List<String> ids, List<List<String>> dependsOnIds) {
    this.ids = List.copyOf(ids);
    int n = ids.size();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < n; i++) {
      if (index.putIfAbsent(ids.get(i), i) != null) {
        throw new IllegalArgumentException(
            "plan has two changes with id " + ids.get(i) + " — ids must be unique");
      }
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
        Integer d = index.get(deps.get(k));
        if (d == null) {
          throw new IllegalArgumentException(
              "change "
                  + ids.get(i)
                  + " depends on "
                  + deps.get(k)
                  + ", which is not in the plan — the plan is inconsistent; re-plan");
        }
        dependsOn[i][k] = d;
        rev.get(d).add(i);
      }
    }
    dependants = new int[n][];
    for (int i = 0; i < n; i++) {
      dependants[i] = rev.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
    topologicalOrder(); // validates: no cycles
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

  /** Kahn's algorithm, ties broken by index so the order is deterministic. */
  List<Integer> topologicalOrder() {
    int n = ids.size();
    int[] remaining = new int[n];
    PriorityQueue<Integer> ready = new PriorityQueue<>();
    for (int i = 0; i < n; i++) {
      remaining[i] = dependsOn[i].length;
      if (remaining[i] == 0) {
        ready.add(i);
      }
    }
    List<Integer> order = new ArrayList<>(n);
    while (!ready.isEmpty()) {
      int i = ready.poll();
      order.add(i);
      for (int d : dependants[i]) {
        if (--remaining[d] == 0) {
          ready.add(d);
        }
      }
    }
    if (order.size() < n) {
      List<String> inCycle = new ArrayList<>();
      for (int i = 0; i < n && inCycle.size() < 10; i++) {
        if (remaining[i] > 0) {
          inCycle.add(ids.get(i));
        }
      }
      throw new IllegalArgumentException(
          "plan has a dependency cycle (changes in or after it: "
              + inCycle
              + ") — the plan is inconsistent; re-plan");
    }
    return order;
  }
}
