package io.strata.reconciler.cli;

import io.strata.planner.naming.Names;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.reconciler.engine.UserError;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import io.strata.schema.model.Volume;

/**
 * Picks what the demo disturbs: the first DRBD volume by name and the first node holding a diskful
 * replica of it, so that taking it down degrades real replication (not just a tiebreaker).
 */
record DemoTarget(String volume, String node) {
  static DemoTarget pick(DesiredState d, ObservedState o) {
    for (Volume v : d.volumes().values()) {
      if (!d.templateOf(v).has(Layer.DRBD)) {
        continue;
      }
      String res = Names.drbdResource(v.name());
      for (NodeState n : o.nodes().values()) {
        boolean diskful =
            n.drbdResource(res)
                .map(r -> r.config())
                .flatMap(c -> c.host(n.node()))
                .map(h -> !h.diskless())
                .orElse(false);
        if (diskful) {
          return new DemoTarget(v.name(), n.node());
        }
      }
    }
    throw new UserError("the demo example has no DRBD volume with a diskful replica");
  }
}
