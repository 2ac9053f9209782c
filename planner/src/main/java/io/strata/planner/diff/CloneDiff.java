package io.strata.planner.diff;

import io.strata.planner.alloc.Sizes;
import io.strata.planner.index.StorageObject;
import io.strata.planner.naming.Names;
import io.strata.planner.place.Replica;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.ObjectSpec.StorageClone.Method;
import io.strata.planner.plan.SizeChange;
import io.strata.schema.model.Layer;
import java.util.List;

/**
 * The storage of a volume created from a snapshot or volume (docs/decisions/027): one {@code
 * create} whose spec is a {@link ObjectSpec.StorageClone}, and — when the volume asks for more than
 * its source holds — a grow after it (a native clone starts at its source's size). A block copy is
 * made at the full size, carrying the initialization marker until the copy is complete, so an
 * interrupted copy is made again and never counts as data.
 */
final class CloneDiff {
  private CloneDiff() {}

  /** Plans the clone on replica {@code r}; returns the id of the last change. */
  static String clone(VolumeContext ctx, Replica r, StorageObject interrupted) {
    Restore.Origin origin = ctx.origin;
    String node = r.node();
    String sid = VolumeContext.id(ctx.name, node, Layer.STORAGE);
    String object = r.storageDisplay(Names.storageName(ctx.name));
    long want = ctx.storageSize(r);
    long from = origin.bytes();
    ObjectSpec full = ctx.storageSpec(r);
    boolean copy = origin.method() == Method.BLOCK_COPY;
    ObjectSpec target = copy ? VolumeContext.withInitMarker(full, true) : sized(full, from);
    ObjectSpec.StorageClone spec =
        new ObjectSpec.StorageClone(
            target,
            sourceSpec(ctx, origin.storage()),
            origin.snapshot(),
            origin.takeSnapshot(),
            origin.method(),
            origin.marker(),
            copy ? from : 0);
    String reason =
        interrupted != null
            ? "the block copy was interrupted; copy again (" + origin.description() + ")"
            : origin.description()
                + switch (origin.method()) {
                  case THIN_SNAPSHOT -> " (thin snapshot, no data copied)";
                  case ZFS_CLONE -> " (zfs clone, no data copied)";
                  case BLOCK_COPY -> " (block copy of " + VolumeContext.human(from) + ")";
                };
    ctx.add(
        sid,
        Action.CREATE,
        Layer.STORAGE,
        node,
        object,
        copy ? new SizeChange(ctx.sizes.user(), want) : new SizeChange(from, from),
        List.of(),
        reason,
        spec);
    if (copy || from >= want) {
      return sid;
    }
    String grow = sid + ":grow";
    ctx.add(
        grow,
        Action.RESIZE,
        Layer.STORAGE,
        node,
        object,
        new SizeChange(ctx.sizes.user(), want).from(from),
        List.of(sid),
        "grow the copy from its source's "
            + VolumeContext.human(from)
            + " to "
            + VolumeContext.human(want),
        full);
    return grow;
  }

  private static ObjectSpec sized(ObjectSpec s, long bytes) {
    if (s instanceof ObjectSpec.Lv lv) {
      return new ObjectSpec.Lv(
          lv.vg(), lv.thinPool(), lv.name(), bytes, lv.physicalVolumes(), lv.deleteMarker());
    }
    ObjectSpec.Zvol z = (ObjectSpec.Zvol) s;
    return new ObjectSpec.Zvol(
        z.zpool(), z.name(), bytes, z.sparse(), z.volblocksize(), z.deleteMarker());
  }

  /** The source volume's storage as observed (never marked or changed by the clone). */
  private static ObjectSpec sourceSpec(VolumeContext ctx, StorageObject o) {
    if (o.provider().lvm()) {
      List<String> pvs =
          ctx.idx
              .observed()
              .node(o.node())
              .flatMap(n -> n.volumeGroup(o.container()))
              .map(vg -> vg.physicalVolumes())
              .orElse(List.of());
      return new ObjectSpec.Lv(o.container(), o.thinPool(), o.name(), o.size(), pvs, false);
    }
    return new ObjectSpec.Zvol(
        o.container(), o.name(), o.size(), o.provider().thin(), Sizes.DEFAULT_VOLBLOCKSIZE, false);
  }
}
