package io.strata.planner.diff;

import io.strata.planner.index.StorageObject;
import io.strata.planner.observed.DrbdResource;
import io.strata.planner.place.Replica;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.schema.model.Layer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A crash-consistent snapshot of a replicated (DRBD) volume, planned as one group
 * (docs/decisions/022): suspend I/O on every node where the resource is up, snapshot every diskful
 * replica, resume I/O on every node. The resumes are cleanup changes (the runner applies them even
 * when a suspend or a snapshot failed), and each snapshot must end within {@link #BOUND}, so I/O is
 * never held longer than that per snapshot command.
 */
final class ConsistentSnapshot {
  /** The longest a snapshot command may hold the volume's I/O suspended. */
  static final Duration BOUND = Duration.ofSeconds(10);

  private ConsistentSnapshot() {}

  /**
   * Plans the group of snapshot {@code snapshot} (a Snapshot's or a scheduled one); returns false
   * when the volume has no DRBD resource up (nothing writes through DRBD, so independent snapshots
   * are already consistent).
   */
  static boolean plan(VolumeContext ctx, String snapshot, boolean deleteMarker, boolean scheduled) {
    if (!ctx.has(Layer.DRBD)) {
      return false;
    }
    List<String> blocked = new ArrayList<>();
    TreeSet<String> fenced = new TreeSet<>();
    for (Map.Entry<String, DrbdResource> e : ctx.idx.drbd(ctx.name).entrySet()) {
      String node = e.getKey();
      if (!ctx.idx.reachable(node)) {
        blocked.add(node);
      } else if (e.getValue().owned() && e.getValue().up() && !tornDown(ctx, node)) {
        fenced.add(node);
      }
    }
    if (ctx.desiredDrbd != null) {
      ctx.desiredDrbd.hosts().stream()
          .map(h -> h.node())
          .filter(n -> ctx.idx.unknown(n) && !blocked.contains(n))
          .forEach(blocked::add);
    }
    if (!blocked.isEmpty()) {
      // a Primary there could keep writing to the replicas while they are snapshotted
      ctx.warnings.add(
          "snapshot "
              + snapshot
              + " of "
              + ctx.name
              + " waits: I/O cannot be suspended on "
              + String.join(", ", blocked)
              + " (unreachable)");
      return true;
    }
    if (fenced.isEmpty()) {
      return false;
    }
    List<String> before = new ArrayList<>(ctx.changes.keySet()); // the volume converges first
    List<String> suspends = new ArrayList<>();
    for (String node : fenced) {
      String id = fenceId(ctx.name, node, "suspend-io", snapshot);
      ctx.add(
          id,
          Action.SNAPSHOT,
          Layer.DRBD,
          node,
          ctx.name,
          null,
          before,
          "suspend I/O for snapshot " + snapshot,
          new ObjectSpec.DrbdIoFence(ctx.name, snapshot, true));
      suspends.add(id);
    }
    List<String> snapshots = new ArrayList<>();
    for (Replica r : ctx.placement.diskful()) {
      StorageObject o = ctx.observedStorage(r.node());
      if (!r.touchable() || o == null) {
        continue;
      }
      String id = Teardown.snapshotId(ctx.name, r.node(), snapshot);
      ctx.add(
          id,
          Action.SNAPSHOT,
          Layer.STORAGE,
          r.node(),
          r.storageDisplay(Teardown.storageName(ctx.name)) + "@" + snapshot,
          null,
          suspends,
          "snapshot " + snapshot + " (I/O suspended on every replica)",
          new ObjectSpec.StorageSnapshot(
              ctx.storageSpec(r), snapshot, deleteMarker, BOUND.toMillis(), scheduled));
      snapshots.add(id);
    }
    for (String node : fenced) {
      List<String> deps = new ArrayList<>(snapshots);
      deps.add(fenceId(ctx.name, node, "suspend-io", snapshot));
      ctx.add(
          fenceId(ctx.name, node, "resume-io", snapshot),
          Action.SNAPSHOT,
          Layer.DRBD,
          node,
          ctx.name,
          null,
          deps,
          "resume I/O after snapshot " + snapshot + " (also when the snapshot failed)",
          new ObjectSpec.DrbdIoFence(ctx.name, snapshot, false));
    }
    return true;
  }

  /**
   * I/O left suspended by Strata (a run interrupted between suspend and resume — a crash, a lost
   * lease) is resumed by the next plan: a suspended volume hangs every writer.
   */
  static void resumeLeftSuspended(VolumeContext ctx) {
    for (Map.Entry<String, DrbdResource> e : ctx.idx.drbd(ctx.name).entrySet()) {
      String node = e.getKey();
      DrbdResource r = e.getValue();
      if (!r.owned() || !r.up() || !r.runtime().suspendedUser() || !ctx.idx.reachable(node)) {
        continue;
      }
      boolean planned =
          ctx.changes.values().stream()
              .anyMatch(
                  c ->
                      node.equals(c.node())
                          && c.spec() instanceof ObjectSpec.DrbdIoFence f
                          && !f.suspend());
      if (planned || tornDown(ctx, node)) {
        continue;
      }
      if (!ctx.heal()) {
        ctx.warnings.add(
            ctx.name + " on " + node + ": I/O is suspended (drbdadm suspend-io); heal is off");
        continue;
      }
      ctx.add(
          fenceId(ctx.name, node, "resume-io", null),
          Action.UPDATE,
          Layer.DRBD,
          node,
          ctx.name,
          null,
          List.of(),
          "I/O left suspended (an interrupted snapshot): resume it",
          new ObjectSpec.DrbdIoFence(ctx.name, null, false));
    }
  }

  private static boolean tornDown(VolumeContext ctx, String node) {
    Change c = ctx.changes.get(VolumeContext.id(ctx.name, node, Layer.DRBD));
    return c != null && c.action() == Action.DELETE;
  }

  static String fenceId(String volume, String node, String what, String snapshot) {
    return VolumeContext.id(volume, node, Layer.DRBD)
        + ":"
        + what
        + (snapshot == null ? "" : "-" + snapshot);
  }
}
