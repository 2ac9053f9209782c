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
 * every other change of the volume and fail every later plan, related to it or not. A device Strata
 * itself sized to the volume (DRBD, LUKS) being larger than declared is different: only a lowered
 * {@code size} in Git explains it, and that is refused, so the pull request fails its check.
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

  /**
   * The refusal when a layer above storage is larger than the declared size (Git lowered it), or
   * null. An LV grown by hand leaves those layers as they were, so this never fires for drift.
   */
  static String shrunkInGit(VolumeContext ctx) {
    long declared = ctx.sizes.user();
    // what the declared size gives a layer at most: the storage allocated for it (metadata and
    // extent rounding make DRBD and LUKS a little larger than the size itself)
    long most = declared;
    for (Replica r : ctx.placement.diskful()) {
      if (r.provider() != null) { // null: a replica on an unknown node
        most = Math.max(most, ctx.storageSize(r));
      }
    }
    long seen = 0;
    for (var d : ctx.idx.drbd(ctx.name).values()) {
      if (d.owned() && d.runtime() != null) {
        seen = Math.max(seen, d.runtime().sizeBytes());
      }
    }
    for (var l : ctx.idx.luks(ctx.name).values()) {
      if (l.owned()) {
        seen = Math.max(seen, l.size());
      }
    }
    if (seen <= most) {
      return null;
    }
    return "would shrink "
        + ctx.name
        + " from "
        + VolumeContext.human(seen)
        + " to "
        + VolumeContext.human(declared)
        + "; Strata never shrinks — restore the size in Git or create a new volume";
  }
}
