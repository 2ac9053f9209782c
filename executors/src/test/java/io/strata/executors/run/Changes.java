package io.strata.executors.run;

import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.schema.model.Layer;
import java.util.List;

/** Test changes: only id, node and dependsOn matter to the runner. */
final class Changes {
  private Changes() {}

  static Change change(String id, String node, String... dependsOn) {
    return new Change(
        id, Action.CREATE, Layer.STORAGE, node, "v", id, null, List.of(dependsOn), "test", null);
  }
}
