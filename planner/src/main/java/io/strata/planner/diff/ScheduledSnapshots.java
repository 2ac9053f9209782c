package io.strata.planner.diff;

import io.strata.planner.index.StorageObject;
import io.strata.planner.naming.Names;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.schema.model.Layer;
import io.strata.schema.model.Volume;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A volume's snapshot schedule ({@code spec.snapshots}, docs/decisions/028): the scheduled snapshot
 * that the caller says is due ({@code Policy.snapshotsDue}, the clock stays outside the planner),
 * taken through the same path as a Snapshot from Git, and retention: the oldest scheduled snapshots
 * beyond {@code keep} are deleted once the new one is taken. Retention selects only snapshots that
 * are Strata's, marked as scheduled and named as this volume's scheduled snapshots — never a
 * Snapshot from Git, never an object Strata did not create.
 */
public final class ScheduledSnapshots {
  private ScheduledSnapshots() {}

  static void plan(VolumeContext ctx) {
    Volume.SnapshotSchedule schedule = ctx.volume.snapshots();
    if (schedule == null) {
      return;
    }
    SortedMap<String, List<StorageObject>> kept = new TreeMap<>(); // names sort in time order
    for (List<StorageObject> onNode : ctx.idx.snapshots(ctx.name).values()) {
      for (StorageObject o : onNode) {
        if (prunable(ctx.name, o)) {
          kept.computeIfAbsent(o.snapshot(), k -> new ArrayList<>()).add(o);
        }
      }
    }
    String taken = null;
    List<String> takenIds = List.of();
    Instant due = ctx.policy.snapshotsDue().get(ctx.name);
    if (due != null) {
      String name = Names.scheduledSnapshot(ctx.name, due);
      boolean exists =
          ctx.idx.snapshots(ctx.name).values().stream()
              .flatMap(List::stream)
              .anyMatch(o -> name.equals(o.snapshot()));
      if (!exists) { // a fire already served (by this or another instance) is not taken twice
        VolumeDiff.take(
            ctx, name, false, true, "scheduled snapshot (" + schedule.schedule() + ", UTC)");
        takenIds = snapshotsNamed(ctx, name);
        taken = takenIds.isEmpty() ? null : name;
      }
    }
    TreeSet<String> names = new TreeSet<>(kept.keySet());
    if (taken != null) {
      names.add(taken);
    }
    int excess = names.size() - schedule.keep();
    for (String old : names) {
      if (excess-- <= 0) {
        break;
      }
      if (old.equals(taken)) {
        continue; // only when the clock went back: never delete what this plan takes
      }
      for (StorageObject o : kept.get(old)) {
        String id = Teardown.snapshotId(ctx.name, o.node(), old);
        if (ctx.changes.containsKey(id)) {
          continue; // already deleted with its replica
        }
        StorageObject base = ctx.observedStorage(o.node());
        ctx.add(
            id,
            Action.DELETE,
            Layer.STORAGE,
            o.node(),
            o.display(),
            null,
            takenIds, // pruned only once the new snapshot exists: never fewer than keep
            "scheduled snapshot beyond keep " + schedule.keep(),
            new ObjectSpec.StorageSnapshot(
                base == null ? null : Teardown.storageSpec(ctx.idx, base),
                old,
                o.deleteMarker(),
                0,
                true));
      }
    }
  }

  /**
   * The fire time of the newest scheduled snapshot of {@code volume} on any node, if any: where the
   * daemon's clock counts the next fire from (docs/decisions/028).
   */
  public static java.util.Optional<Instant> newest(
      io.strata.planner.index.ObservedIndex idx, String volume) {
    return idx.snapshots(volume).values().stream()
        .flatMap(List::stream)
        .filter(o -> prunable(volume, o))
        .map(o -> Names.scheduledTime(volume, o.snapshot()).orElseThrow())
        .max(Instant::compareTo);
  }

  /** Whether retention may select {@code o}: owned, marked as scheduled, named as scheduled. */
  static boolean prunable(String volume, StorageObject o) {
    return o.snapshot() != null
        && o.owned()
        && o.scheduled()
        && Names.scheduledTime(volume, o.snapshot()).isPresent();
  }

  /** The snapshot changes (of every replica) the plan takes for snapshot {@code name}. */
  private static List<String> snapshotsNamed(VolumeContext ctx, String name) {
    List<String> ids = new ArrayList<>();
    for (Map.Entry<String, Change> e : ctx.changes.entrySet()) {
      Change c = e.getValue();
      if (c.action() == Action.SNAPSHOT
          && c.spec() instanceof ObjectSpec.StorageSnapshot s
          && s.name().equals(name)) {
        ids.add(e.getKey());
      }
    }
    return ids;
  }
}
