package io.strata.planner.plan;

import io.strata.schema.model.Layer;
import java.util.List;

/**
 * One step of a plan. {@code id} is {@code volume/node/layer} (plus a suffix where one node needs
 * two changes on the same layer); {@code object} is the human name of the object ({@code
 * vg0/pg-data_00000}); {@code dependsOn} lists ids that must succeed first. {@code size} is null
 * when not applicable.
 */
public record Change(
    String id,
    Action action,
    Layer layer,
    String node,
    String volume,
    String object,
    SizeChange size,
    List<String> dependsOn,
    String reason,
    ObjectSpec spec) {
  public Change {
    dependsOn = List.copyOf(dependsOn);
  }

  /** A cleanup change: applied once its dependencies ended, even when they failed. */
  public boolean runsAfterFailure() {
    return spec != null && spec.runsAfterFailure();
  }

  public Change withDependsOn(List<String> deps) {
    return new Change(id, action, layer, node, volume, object, size, deps, reason, spec);
  }
}
