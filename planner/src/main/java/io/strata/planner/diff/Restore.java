package io.strata.planner.diff;

import io.strata.planner.index.ObservedIndex;
import io.strata.planner.index.StorageObject;
import io.strata.planner.plan.ObjectSpec.StorageClone.Method;
import io.strata.planner.plan.Refusal;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Node;
import io.strata.schema.model.Placement;
import io.strata.schema.model.ProviderType;
import io.strata.schema.model.Snapshot;
import io.strata.schema.model.StoragePool;
import io.strata.schema.model.Volume;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code Volume.spec.source} (docs/decisions/027), before placement: where the clone of a volume
 * that does not exist yet is made (the node and pool of its source: thin LVM and ZFS clone inside
 * their pool, a thick copy stays on the node), and the rule that a source is used once — a volume
 * that exists keeps the source it was created from, and a different one is refused, never
 * re-copied.
 */
public final class Restore {
  private Restore() {}

  /** Prefix of the snapshot a ZFS clone of a volume starts from; Git names never hold {@code _}. */
  public static final String CLONE_SNAPSHOT_PREFIX = "clone_";

  /**
   * The source of a clone about to be made: {@code storage} is the source volume's storage on
   * {@code node}, {@code snapshot} the snapshot to start from (null: the volume itself), {@code
   * bytes} the size of what is cloned (a snapshot keeps the size its volume had).
   */
  public record Origin(
      String node,
      StorageObject storage,
      long bytes,
      String snapshot,
      boolean takeSnapshot,
      Method method,
      String marker,
      String description) {}

  /**
   * What happens to the volume: planned as usual ({@code volume} possibly pinned to its source's
   * node and pool, {@code origin} set while the clone is to be made), or nothing this time ({@code
   * skip}) with a refusal or a warning.
   */
  public record Decision(
      Volume volume, Origin origin, boolean skip, Refusal refusal, String warning) {
    static Decision as(Volume v) {
      return new Decision(v, null, false, null, null);
    }
  }

  /** The marker a clone records: {@code snapshot:V/S} or {@code volume:V}. */
  public static String marker(Volume.Source src, DesiredState desired) {
    if (!src.fromSnapshot()) {
      return "volume:" + src.volume();
    }
    Snapshot s = desired.snapshots().get(src.snapshot());
    return "snapshot:" + (s == null ? "?" : s.volume()) + "/" + src.snapshot();
  }

  public static Decision decide(Volume v, ObservedIndex idx, DesiredState desired) {
    Volume.Source src = v.source();
    if (src == null) {
      return Decision.as(v);
    }
    String want = marker(src, desired);
    Optional<StorageObject> existing =
        idx.storage(v.name()).values().stream().filter(StorageObject::owned).findFirst();
    if (existing.isPresent()) {
      StorageObject o = existing.get();
      if (!want.equals(o.source())) {
        return refuse(
            v,
            o.node(),
            o.source() == null
                ? v.name()
                    + " exists already: spec.source ("
                    + src.describe()
                    + ") applies only when a volume is created; remove it, or restore into a new"
                    + " Volume"
                : v.name()
                    + " was created from "
                    + o.source()
                    + " and spec.source now names "
                    + want
                    + ": a volume's source is fixed when it is created and is never re-copied;"
                    + " put the source back, or restore into a new Volume");
      }
      if (!(o.initMarker() && !o.provider().thin() && o.provider().lvm())) {
        return Decision.as(v); // created: managed like any volume
      }
      // a block copy that was interrupted: copy again (the LV still holds no data of the user)
    }
    String sourceVolume =
        src.fromSnapshot()
            ? Optional.ofNullable(desired.snapshots().get(src.snapshot()))
                .map(Snapshot::volume)
                .orElse(null)
            : src.volume();
    Optional<StorageObject> from = source(idx, sourceVolume, src);
    if (from.isEmpty()) {
      return wait(
          v,
          v.name()
              + " waits: "
              + (src.fromSnapshot()
                  ? "snapshot " + src.snapshot() + " of " + sourceVolume + " is not taken yet"
                  : "volume " + sourceVolume + " does not exist yet")
              + "; it is created from it on a later plan");
    }
    StorageObject base = idx.storage(sourceVolume).get(from.get().node());
    if (base == null) {
      return wait(v, v.name() + " waits: the storage of " + sourceVolume + " is not observed");
    }
    String node = base.node();
    List<String> nodes = desired.placementOf(v).nodes();
    if (!nodes.isEmpty() && !nodes.contains(node)) {
      return refuse(
          v,
          node,
          Refusal.Kind.PLACEMENT,
          v.name()
              + ": placement.nodes names "
              + String.join(", ", nodes)
              + ", but the copy of "
              + src.describe()
              + " is made where it is, on "
              + node
              + "; add "
              + node
              + " or drop placement.nodes");
    }
    Optional<StoragePool> pool = pool(v, base, desired);
    if (pool.isEmpty()) {
      return refuse(
          v,
          node,
          Refusal.Kind.PLACEMENT,
          v.name()
              + ": its source "
              + src.describe()
              + " is in "
              + base.display()
              + " on "
              + node
              + ", and no StoragePool on "
              + node
              + " that "
              + v.name()
              + " may use can hold its copy ("
              + (base.provider().lvm() && !base.provider().thin()
                  ? "a thick lvm pool"
                  : "the " + base.provider().yamlName() + " pool of " + where(base))
              + "); allow that pool in the volume's placement.pools or template");
    }
    Method method =
        base.provider() == ProviderType.LVM_THIN
            ? Method.THIN_SNAPSHOT
            : base.provider().lvm() ? Method.BLOCK_COPY : Method.ZFS_CLONE;
    String snapshot = src.fromSnapshot() ? src.snapshot() : null;
    boolean take = false;
    if (!src.fromSnapshot() && method == Method.ZFS_CLONE) {
      snapshot = CLONE_SNAPSHOT_PREFIX + v.name();
      take = true; // zfs clones only snapshots: take one for this clone
    }
    Placement pinned =
        new Placement(
            1,
            List.of(node),
            List.of(pool.get().name()),
            v.placement().spreadAcross(),
            v.placement().nodeSelector());
    Origin origin =
        new Origin(
            node,
            base,
            src.fromSnapshot() && method != Method.BLOCK_COPY ? from.get().size() : base.size(),
            snapshot,
            take,
            method,
            want,
            (src.fromSnapshot() ? "restore from " : "clone of ") + src.describe());
    return new Decision(v.withPlacement(pinned), origin, false, null, null);
  }

  /** The observed object the data comes from: the owned snapshot, or the volume's storage. */
  private static Optional<StorageObject> source(
      ObservedIndex idx, String sourceVolume, Volume.Source src) {
    if (sourceVolume == null) {
      return Optional.empty();
    }
    if (src.fromSnapshot()) {
      return idx.snapshots(sourceVolume).values().stream()
          .flatMap(List::stream)
          .filter(o -> o.owned() && src.snapshot().equals(o.snapshot()))
          .filter(o -> idx.reachable(o.node()))
          .min(Comparator.comparing(StorageObject::node));
    }
    return idx.storage(sourceVolume).values().stream()
        .filter(o -> o.owned() && idx.reachable(o.node()))
        .filter(o -> !o.initMarker())
        .findFirst();
  }

  /**
   * The Git pool on the source's node that can hold the copy, among the pools the volume may use:
   * the source's own thin pool or zpool (a native clone never leaves it), any thick lvm pool for a
   * block copy (the source's volume group first).
   */
  private static Optional<StoragePool> pool(Volume v, StorageObject base, DesiredState desired) {
    Node n = desired.nodes().get(base.node());
    if (n == null) {
      return Optional.empty();
    }
    List<String> allowed = desired.placementOf(v).pools();
    return desired.pools().values().stream()
        .filter(p -> p.appliesTo(n))
        .filter(p -> allowed.isEmpty() || allowed.contains(p.name()))
        .filter(p -> holds(p.provider(), base))
        .min(
            Comparator.comparing(
                    (StoragePool p) -> !base.container().equals(container(p.provider())))
                .thenComparing(StoragePool::name));
  }

  private static boolean holds(StoragePool.Provider pr, StorageObject base) {
    return switch (base.provider()) {
      case LVM_THIN ->
          pr.type() == ProviderType.LVM_THIN
              && base.container().equals(pr.volumeGroup())
              && Objects.equals(base.thinPool(), pr.thinPool());
      case LVM -> pr.type() == ProviderType.LVM;
      case ZFS, ZFS_THIN -> pr.type() == base.provider() && base.container().equals(pr.zpool());
    };
  }

  private static String container(StoragePool.Provider pr) {
    return pr.type().lvm() ? pr.volumeGroup() : pr.zpool();
  }

  private static String where(StorageObject o) {
    return o.thinPool() == null ? o.container() : o.container() + "/" + o.thinPool();
  }

  private static Decision wait(Volume v, String warning) {
    return new Decision(v, null, true, null, warning);
  }

  private static Decision refuse(Volume v, String node, String reason) {
    return refuse(v, node, Refusal.Kind.SAFETY, reason);
  }

  private static Decision refuse(Volume v, String node, Refusal.Kind kind, String reason) {
    return new Decision(v, null, true, new Refusal(v.name(), node, reason, kind), null);
  }

  /**
   * Why deleting snapshot {@code snapshot} of {@code volume} (null: the volume itself) would break
   * a ZFS clone that depends on it; null when nothing depends on it. Thin LVM clones and block
   * copies do not depend on their source once made.
   */
  public static String dependents(ObservedIndex idx, String volume, String snapshot) {
    java.util.SortedSet<String> clones = dependentSet(idx, volume, snapshot);
    return clones.isEmpty() ? null : String.join(", ", clones);
  }

  /** The volumes of {@link #dependents}, as a set (empty when nothing depends on it). */
  public static java.util.SortedSet<String> dependentSet(
      ObservedIndex idx, String volume, String snapshot) {
    java.util.SortedSet<String> clones = new java.util.TreeSet<>();
    for (Map.Entry<String, java.util.SortedSet<String>> e : idx.zfsClones().entrySet()) {
      String m = e.getKey();
      if (snapshot == null) {
        if (m.equals("volume:" + volume) || m.startsWith("snapshot:" + volume + "/")) {
          clones.addAll(e.getValue());
        }
      } else if (snapshot.startsWith(CLONE_SNAPSHOT_PREFIX)) {
        String clone = snapshot.substring(CLONE_SNAPSHOT_PREFIX.length());
        if (m.equals("volume:" + volume) && e.getValue().contains(clone)) {
          clones.add(clone);
        }
      } else if (m.equals("snapshot:" + volume + "/" + snapshot)) {
        clones.addAll(e.getValue());
      }
    }
    return clones;
  }
}
