package io.strata.planner.diff;

import io.strata.planner.index.StorageObject;
import io.strata.planner.place.Replica;
import io.strata.planner.plan.Divergence;
import io.strata.schema.model.Layer;
import java.util.ArrayList;
import java.util.List;

/**
 * Divergences no change can heal (docs/decisions/007-resized-storage.md). Storage observed larger
 * than declared is left as it is: never a shrink, and no refusal either, since refusing would stop
 * every other change of the volume and fail every later plan, related to it or not.
 */
final class Divergences {
  private Divergences() {}

  static List<Divergence> resized(VolumeContext ctx) {
    List<Divergence> out = new ArrayList<>();
    for (Replica r : ctx.placement.diskful()) {
      StorageObject o = ctx.observedStorage(r.node());
      if (o == null || !r.touchable()) {
        continue;
      }
      long want = ctx.storageSize(r);
      if (o.size() > want) {
        out.add(
            new Divergence.Resized(ctx.name, r.node(), Layer.STORAGE, o.display(), want, o.size()));
      }
    }
    return out;
  }
}
