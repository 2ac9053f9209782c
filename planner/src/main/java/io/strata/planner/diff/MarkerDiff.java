package io.strata.planner.diff;

import io.strata.planner.index.StorageObject;
import io.strata.planner.naming.Names;
import io.strata.planner.observed.DrbdResource;
import io.strata.planner.place.Replica;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.schema.model.Layer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The markers a replica's storage carries (LVM tags, ZFS user properties) brought to what Git and
 * the plan say, in one update per replica:
 *
 * <ul>
 *   <li>the delete marker follows the volume's deletionPolicy/protect (docs/decisions/001); nothing
 *       waits for that update;
 *   <li>the initialization marker is removed once the layers above the storage are initialized on
 *       that node (docs/decisions/005): after the node's DRBD change and the initial sync, or after
 *       its LUKS change. Until then a crashed plan leaves it, so the next plan resumes.
 * </ul>
 *
 * After a create or grow of the same object the update gets the id {@code <id>:marker} (one LVM/ZFS
 * command at a time per object).
 */
final class MarkerDiff {
  private MarkerDiff() {}

  static void diff(VolumeContext ctx) {
    for (Replica r : ctx.placement.diskful()) {
      if (r.touchable()) {
        replica(ctx, r);
      }
    }
  }

  private static void replica(VolumeContext ctx, Replica r) {
    String node = r.node();
    String sid = VolumeContext.id(ctx.name, node, Layer.STORAGE);
    Change own = ctx.changes.get(sid);
    boolean created = own != null && own.action() == Action.CREATE;
    StorageObject o = ctx.observedStorage(node);
    if (!created && (o == null || !o.owned())) {
      return;
    }
    boolean initMarked = created ? ctx.formats() : o.initMarker();
    boolean deleteMarked = created ? ctx.deleteMarker() : o.deleteMarker();
    Optional<List<String>> initialized =
        initMarked ? initializedAfter(ctx, node) : Optional.empty();
    boolean deleteFlips = deleteMarked != ctx.deleteMarker();
    if (initialized.isEmpty() && !deleteFlips) {
      return;
    }
    Set<String> deps = new LinkedHashSet<>();
    if (own != null) {
      deps.add(sid);
    }
    initialized.ifPresent(deps::addAll);
    ObjectSpec spec = VolumeContext.withInitMarker(ctx.storageSpec(r), initMarked);
    if (initialized.isPresent()) {
      spec = VolumeContext.withInitMarker(spec, false);
    }
    ctx.add(
        own != null ? sid + ":marker" : sid,
        Action.UPDATE,
        Layer.STORAGE,
        node,
        r.storageDisplay(Names.storageName(ctx.name)),
        null,
        new ArrayList<>(deps),
        reason(ctx, initialized.isPresent(), deleteFlips),
        spec);
  }

  /**
   * The changes after which the node's storage is initialized (possibly none: all done earlier), or
   * empty when this plan does not finish the initialization there.
   */
  private static Optional<List<String>> initializedAfter(VolumeContext ctx, String node) {
    if (ctx.has(Layer.DRBD)) {
      String drbd = VolumeContext.id(ctx.name, node, Layer.DRBD);
      boolean planned = ctx.changes.containsKey(drbd);
      if (!planned && !attached(ctx, node)) {
        return Optional.empty();
      }
      List<String> syncs =
          ctx.changes.values().stream()
              .filter(
                  c ->
                      c.spec() instanceof ObjectSpec.Drbd d
                          && d.initialSync() != ObjectSpec.Drbd.InitialSync.NONE)
              .map(Change::id)
              .toList();
      if (syncs.isEmpty() && !DrbdDiff.synced(ctx.idx.drbd(ctx.name))) {
        return Optional.empty(); // never in sync and no initial sync planned: not yet
      }
      List<String> deps = new ArrayList<>(planned ? List.of(drbd) : List.of());
      deps.addAll(syncs);
      return Optional.of(deps);
    }
    if (ctx.has(Layer.LUKS)) {
      String luks = VolumeContext.id(ctx.name, node, Layer.LUKS);
      if (ctx.changes.containsKey(luks)) {
        return Optional.of(List.of(luks));
      }
      return ctx.idx.luks(ctx.name).containsKey(node) ? Optional.of(List.of()) : Optional.empty();
    }
    return Optional.of(List.of()); // nothing formats: the marker has no meaning here
  }

  /** The node's DRBD resource is up with its disk attached. */
  private static boolean attached(VolumeContext ctx, String node) {
    DrbdResource r = ctx.idx.drbd(ctx.name).get(node);
    return r != null && r.up() && !r.runtime().diskState().equals("Diskless");
  }

  private static String reason(VolumeContext ctx, boolean initialized, boolean deleteFlips) {
    List<String> parts = new ArrayList<>();
    if (initialized) {
      parts.add("initialized: remove the initialization marker");
    }
    if (deleteFlips) {
      parts.add(
          ctx.deleteMarker()
              ? "deletionPolicy Delete: mark the storage deletable once the volume leaves Git"
              : "deletionPolicy no longer Delete (or protected): remove the delete marker");
    }
    return String.join("; ", parts);
  }
}
