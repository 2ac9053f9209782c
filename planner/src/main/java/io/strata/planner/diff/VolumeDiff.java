package io.strata.planner.diff;

import io.strata.planner.alloc.VolumeSizes;
import io.strata.planner.index.ObservedIndex;
import io.strata.planner.index.StorageObject;
import io.strata.planner.observed.DrbdConfig;
import io.strata.planner.place.Capacity;
import io.strata.planner.place.Replica;
import io.strata.planner.place.VolumePlacement;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.Divergence;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Refusal;
import io.strata.planner.policy.Policy;
import io.strata.schema.model.DeletionPolicy;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import io.strata.schema.model.Snapshot;
import io.strata.schema.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The changes of one volume that is in Git. */
public final class VolumeDiff {
  private VolumeDiff() {}

  /** What the diff of one volume produced. */
  public record Result(
      List<Change> changes,
      List<Refusal> refused,
      List<String> warnings,
      List<Divergence> divergences) {}

  /** One volume's changes; {@code origin}: what its storage is created from (null: as usual). */
  public static Result diff(
      Volume volume,
      VolumePlacement placement,
      VolumeSizes sizes,
      DrbdConfig desiredDrbd,
      ObservedIndex idx,
      DesiredState desired,
      Policy policy,
      Capacity capacity,
      Restore.Origin origin) {
    VolumeContext ctx =
        new VolumeContext(
            volume,
            desired.templateOf(volume),
            placement,
            sizes,
            desiredDrbd,
            idx,
            desired,
            policy,
            capacity);
    ctx.origin = origin;
    ctx.refusals.addAll(placement.refusals());
    ctx.warnings.addAll(placement.warnings());
    if (placement.refused()) {
      return result(ctx);
    }
    String shrunk = Divergences.shrunkInGit(ctx);
    if (shrunk != null) {
      PreChecks.refuse(ctx, null, shrunk);
      return result(ctx);
    }
    ctx.divergences.addAll(Divergences.resized(ctx));
    int before = ctx.refusals.size();
    if (!PreChecks.check(ctx) && ctx.refusals.size() > before) {
      return result(ctx);
    }
    StackDiff.diff(ctx);
    List<String> updates = DrbdDiff.diff(ctx);
    NvmeDiff.diff(ctx);
    MarkerDiff.diff(ctx);
    removals(ctx, updates);
    snapshots(ctx);
    ScheduledSnapshots.plan(ctx);
    ConsistentSnapshot.resumeLeftSuspended(ctx);
    return result(ctx);
  }

  private static Result result(VolumeContext ctx) {
    return new Result(
        new ArrayList<>(ctx.changes.values()), ctx.refusals, ctx.warnings, ctx.divergences);
  }

  /** Replicas and diskless hosts that leave the resource: after the peers' updates, top-down. */
  private static void removals(VolumeContext ctx, List<String> updates) {
    Set<String> inConfig = new TreeSet<>();
    if (ctx.desiredDrbd != null) {
      ctx.desiredDrbd.hosts().forEach(h -> inConfig.add(h.node()));
    }
    for (Replica r : ctx.placement.remove()) {
      if (r.touchable()) {
        // a node that stays in the resource as diskless detaches first (its own update)
        boolean stays = inConfig.contains(r.node());
        List<String> deps = new ArrayList<>(updates);
        String own = VolumeContext.id(ctx.name, r.node(), Layer.DRBD);
        if (stays && ctx.changes.containsKey(own) && !deps.contains(own)) {
          deps.add(own);
        }
        String reason = removeReason(ctx, r) + (stays ? "; stays as a diskless client" : "");
        Teardown.node(ctx.idx, ctx.name, r.node(), deps, reason, ctx.changes, stays);
      }
    }
    if (!ctx.has(Layer.DRBD) || ctx.desiredDrbd == null) {
      return;
    }
    Set<String> removed = new TreeSet<>();
    ctx.placement.remove().forEach(r -> removed.add(r.node()));
    for (String node : ctx.idx.drbd(ctx.name).keySet()) {
      if (!inConfig.contains(node) && !removed.contains(node)) {
        boolean diskful = ctx.observedStorage(node) != null;
        if (diskful) {
          continue; // a diskful replica outside the config is the placer's business, never here
        }
        Teardown.node(
            ctx.idx,
            ctx.name,
            node,
            updates,
            wasTiebreaker(ctx, node) ? "tiebreaker no longer needed" : "access removed",
            ctx.changes);
      }
    }
  }

  /** The only diskless host next to exactly two diskful ones was (most likely) the tiebreaker. */
  private static boolean wasTiebreaker(VolumeContext ctx, String node) {
    var seen = ctx.idx.drbdConfig(ctx.name);
    if (seen == null) {
      return false;
    }
    long diskful = seen.hosts().stream().filter(h -> !h.diskless()).count();
    long diskless = seen.hosts().stream().filter(h -> h.diskless()).count();
    return diskful == 2 && diskless == 1 && seen.host(node).map(h -> h.diskless()).orElse(false);
  }

  private static String removeReason(VolumeContext ctx, Replica r) {
    if (r.state() == Replica.State.LOST) {
      return "node left Git";
    }
    var n = ctx.desired.nodes().get(r.node());
    return n != null && n.evacuate() ? "evacuated; replacement is UpToDate" : "redundancy lowered";
  }

  /**
   * Takes snapshot {@code snapshot} on every diskful replica at once: one crash-consistent group
   * for a replicated volume, else one change per replica. A brand-new volume is snapshotted once it
   * is created. The same path for a Snapshot from Git and a scheduled one.
   */
  static void take(
      VolumeContext ctx, String snapshot, boolean deleteMarker, boolean scheduled, String reason) {
    // existing replicas hold the data; a brand-new volume is snapshotted once it is created
    boolean anyExisting =
        ctx.placement.diskful().stream()
            .anyMatch(r -> r.touchable() && ctx.observedStorage(r.node()) != null);
    if (anyExisting && ConsistentSnapshot.plan(ctx, snapshot, deleteMarker, scheduled)) {
      return; // a replicated volume: one group with I/O suspended on every replica
    }
    List<String> created = new ArrayList<>(ctx.changes.keySet());
    for (Replica r : ctx.placement.diskful()) {
      StorageObject o = ctx.observedStorage(r.node());
      boolean fresh = ctx.fresh.contains(r.node());
      if (!r.touchable() || (anyExisting ? o == null : !fresh)) {
        continue;
      }
      String id = Teardown.snapshotId(ctx.name, r.node(), snapshot);
      List<String> deps = anyExisting ? ctx.grown.getOrDefault(r.node(), List.of()) : created;
      String object = r.storageDisplay(Teardown.storageName(ctx.name)) + "@" + snapshot;
      ctx.add(
          id,
          Action.SNAPSHOT,
          Layer.STORAGE,
          r.node(),
          object,
          null,
          deps,
          reason,
          new ObjectSpec.StorageSnapshot(ctx.storageSpec(r), snapshot, deleteMarker, 0, scheduled));
    }
  }

  /** A snapshot is marked deletable when its own manifest says {@code deletionPolicy: Delete}. */
  private static boolean snapshotMarker(Snapshot s) {
    return s.deletionPolicy() == DeletionPolicy.DELETE;
  }

  /** The Snapshot's deletionPolicy changed in Git while it exists: add or remove the marker. */
  private static void snapshotMarker(
      VolumeContext ctx, Snapshot s, Map<String, List<StorageObject>> seen) {
    boolean want = snapshotMarker(s);
    for (var e : seen.entrySet()) {
      StorageObject base = ctx.observedStorage(e.getKey());
      for (StorageObject o : e.getValue()) {
        if (!s.name().equals(o.snapshot()) || !o.owned() || o.deleteMarker() == want) {
          continue;
        }
        if (base == null) {
          continue; // an origin-less snapshot is not addressable by the executors
        }
        ctx.add(
            Teardown.snapshotId(ctx.name, e.getKey(), s.name()),
            Action.UPDATE,
            Layer.STORAGE,
            e.getKey(),
            o.display(),
            null,
            List.of(),
            want
                ? "snapshot deletionPolicy Delete: mark it deletable once it leaves Git"
                : "snapshot deletionPolicy no longer Delete: remove the delete marker",
            new ObjectSpec.StorageSnapshot(Teardown.storageSpec(ctx.idx, base), s.name(), want));
      }
    }
  }

  /**
   * A Snapshot from Git is taken on every diskful replica at once, and only while no replica has it
   * yet (a replica added later must not get a different point in time under the same name).
   * Snapshots of this volume that left Git follow the orphan rule.
   */
  private static void snapshots(VolumeContext ctx) {
    Map<String, List<StorageObject>> seen = ctx.idx.snapshots(ctx.name);
    Set<String> wanted = new TreeSet<>();
    for (Snapshot s : ctx.desired.snapshots().values()) {
      if (!s.volume().equals(ctx.name)) {
        continue;
      }
      wanted.add(s.name());
      boolean exists =
          seen.values().stream().flatMap(List::stream).anyMatch(o -> s.name().equals(o.snapshot()));
      if (exists) {
        snapshotMarker(ctx, s, seen);
        continue;
      }
      take(ctx, s.name(), snapshotMarker(s), false, "snapshot " + s.name());
    }
    boolean scheduling = ctx.volume.snapshots() != null;
    for (var e : seen.entrySet()) {
      for (StorageObject o : e.getValue()) {
        if (!o.owned() || wanted.contains(o.snapshot()) || (scheduling && o.scheduled())) {
          continue; // scheduled snapshots of a schedule in Git follow its retention instead
        }
        String clones = Restore.dependents(ctx.idx, ctx.name, o.snapshot());
        boolean internal = o.snapshot().startsWith(Restore.CLONE_SNAPSHOT_PREFIX);
        if (clones != null && internal) {
          continue; // the snapshot a ZFS clone of this volume was made from: kept while it lives
        }
        if (clones != null && ctx.policy.prune() && o.deleteMarker()) {
          ctx.refusals.add(
              new Refusal(
                  ctx.name,
                  e.getKey(),
                  "snapshot "
                      + o.display()
                      + " on "
                      + e.getKey()
                      + " left Git but is not deleted: "
                      + clones
                      + " was cloned from it (zfs clone) and depends on it; delete "
                      + clones
                      + " first (zfs promote would move the snapshot into the clone, not free"
                      + " it)",
                  Refusal.Kind.SAFETY));
          continue;
        }
        if (ctx.policy.prune() && o.deleteMarker()) {
          String id = Teardown.snapshotId(ctx.name, e.getKey(), o.snapshot());
          StorageObject base = ctx.observedStorage(e.getKey());
          ObjectSpec origin = base == null ? null : Teardown.storageSpec(ctx.idx, base);
          ctx.add(
              id,
              Action.DELETE,
              Layer.STORAGE,
              e.getKey(),
              o.display(),
              null,
              List.of(),
              "snapshot left Git (deletionPolicy Delete, prune on)",
              new ObjectSpec.StorageSnapshot(origin, o.snapshot(), o.deleteMarker()));
        } else {
          ctx.warnings.add(
              "snapshot " + o.display() + " on " + e.getKey() + ": orphaned, retained");
        }
      }
    }
  }
}
