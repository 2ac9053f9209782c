package io.strata.executors.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The longest chain of a DAG weighted by durations. Pure. */
final class CriticalPath {
  record Path(Duration length, List<String> ids) {}

  private CriticalPath() {}

  /**
   * @param order ids in a topological order (dependencies before dependants)
   * @param dependsOn the dependencies of each id
   * @param duration the weight of each id
   */
  static Path of(
      List<String> order, Map<String, List<String>> dependsOn, Map<String, Duration> duration) {
    Map<String, Duration> finish = new HashMap<>();
    Map<String, String> via = new HashMap<>();
    String last = null;
    for (String id : order) {
      Duration start = Duration.ZERO;
      String from = null;
      for (String dep : dependsOn.getOrDefault(id, List.of())) {
        Duration f = finish.get(dep);
        if (f != null && f.compareTo(start) > 0) {
          start = f;
          from = dep;
        }
      }
      Duration end = start.plus(duration.getOrDefault(id, Duration.ZERO));
      finish.put(id, end);
      if (from != null) {
        via.put(id, from);
      }
      if (last == null || end.compareTo(finish.get(last)) > 0) {
        last = id;
      }
    }
    if (last == null) {
      return new Path(Duration.ZERO, List.of());
    }
    List<String> ids = new ArrayList<>();
    for (String at = last; at != null; at = via.get(at)) {
      ids.add(at);
    }
    Collections.reverse(ids);
    return new Path(finish.get(last), ids);
  }
}
