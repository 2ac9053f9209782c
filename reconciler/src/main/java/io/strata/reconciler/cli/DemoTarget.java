package io.strata.reconciler.cli;

import io.strata.reconciler.engine.UserError;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import io.strata.schema.model.Volume;

/** Picks the object the demo disturbs: the first DRBD volume, on the first node by name. */
final class DemoTarget {
  private DemoTarget() {}

  static String drbdVolume(DesiredState d) {
    return d.volumes().values().stream()
        .filter(v -> d.templateOf(v).has(Layer.DRBD))
        .map(Volume::name)
        .findFirst()
        .orElseThrow(() -> new UserError("the demo example has no DRBD volume"));
  }

  static String node(DesiredState d) {
    return d.nodes().firstKey();
  }
}
