package io.strata.planner.diff;

import io.strata.planner.index.ObservedIndex;
import io.strata.planner.index.StorageObject;
import io.strata.planner.naming.Names;
import io.strata.planner.observed.DrbdConfig;
import io.strata.planner.observed.NvmeConnection;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Refusal;
import io.strata.planner.policy.Policy;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Volumes that Strata owns on the nodes but that are no longer in Git (docs/decisions/
 * 001-orphan-deletion.md): retained with a warning, unless prune is on and every storage object of
 * the volume carries the delete marker that Strata writes only for {@code deletionPolicy: Delete}
 * volumes that are not {@code protect}ed. A volume held by an unknown node is never deleted.
 */
public final class OrphanDiff {
  private OrphanDiff() {}

  /** The deletions, refusals and warnings; {@code deleted} names the volumes destroyed. */
  public record Result(
      List<Change> changes,
      List<Refusal> refused,
      List<String> warnings,
      SortedSet<String> deleted) {}

  public static Result diff(ObservedIndex idx, DesiredState desired, Policy policy) {
    Map<String, Change> out = new LinkedHashMap<>();
    List<Refusal> refused = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    SortedSet<String> deleted = new TreeSet<>();
    SortedSet<String> pruned = prunedWithTheirClones(idx, desired, policy);
    for (String vol : idx.ownedVolumes()) {
      if (desired.volumes().containsKey(vol)) {
        continue;
      }
      boolean marked = marked(idx, vol);
      if (!policy.prune() || !marked) {
        warnings.add(
            "volume "
                + vol
                + ": orphaned, retained (left Git; "
                + (!marked ? "its storage does not record deletionPolicy: Delete" : "prune is off")
                + ")");
        continue;
      }
      String clones = Restore.dependents(idx, vol, null);
      if (clones != null && !pruned.contains(vol)) {
        refused.add(
            new Refusal(
                vol,
                null,
                "cannot delete "
                    + vol
                    + ": "
                    + clones
                    + " was cloned from it (zfs clone) and depends on its snapshot; delete "
                    + clones
                    + " first, or make it independent by hand with zfs promote",
                Refusal.Kind.SAFETY));
        continue;
      }
      List<String> unknown = unknownHolders(idx, vol);
      if (!unknown.isEmpty()) {
        refused.add(
            new Refusal(
                vol,
                null,
                "cannot delete "
                    + vol
                    + " while node(s) "
                    + String.join(", ", unknown)
                    + " that hold it are unknown (unreachable); it is deleted once they are"
                    + " observed",
                Refusal.Kind.UNKNOWN_NODE));
        continue;
      }
      deleted.add(vol);
      List<String> disconnects = new ArrayList<>();
      for (Map.Entry<String, NvmeConnection> e : idx.connections(vol).entrySet()) {
        NvmeConnection c = e.getValue();
        String id = VolumeContext.id(vol, e.getKey(), Layer.NVME);
        out.put(
            id,
            new Change(
                id,
                Action.DISCONNECT,
                Layer.NVME,
                e.getKey(),
                vol,
                c.nqn(),
                null,
                List.of(),
                "volume left Git",
                new ObjectSpec.NvmeAttach(c.nqn(), c.transport(), c.address(), c.serviceId())));
        disconnects.add(id);
      }
      TreeSet<String> nodes = new TreeSet<>();
      nodes.addAll(idx.storage(vol).keySet());
      nodes.addAll(idx.luks(vol).keySet());
      nodes.addAll(idx.drbd(vol).keySet());
      nodes.addAll(idx.exports(vol).keySet());
      // ZFS clones pruned in this plan go first: their origin snapshot, and the volume, after them
      List<String> cloneDeletes = cloneStorageDeletes(idx, vol);
      for (String node : nodes) {
        List<String> deps =
            new ArrayList<>(idx.exports(vol).containsKey(node) ? disconnects : List.of());
        deps.addAll(cloneDeletes);
        Teardown.node(
            idx, vol, node, deps, "volume left Git (deletionPolicy Delete, prune on)", out);
      }
    }
    return new Result(new ArrayList<>(out.values()), refused, warnings, deleted);
  }

  private static boolean marked(ObservedIndex idx, String vol) {
    List<StorageObject> storage =
        idx.storage(vol).values().stream().filter(StorageObject::owned).toList();
    return !storage.isEmpty() && storage.stream().allMatch(StorageObject::deleteMarker);
  }

  /**
   * The orphaned volumes this plan deletes: marked, prune on, no unknown holder, and every ZFS
   * clone of theirs deleted in the same plan too (then ordered before them) — a clone that stays
   * (in Git, retained, refused) keeps its origin, and so on down a chain of clones.
   */
  private static SortedSet<String> prunedWithTheirClones(
      ObservedIndex idx, DesiredState desired, Policy policy) {
    SortedSet<String> out = new TreeSet<>();
    if (!policy.prune()) {
      return out;
    }
    for (String vol : idx.ownedVolumes()) {
      if (!desired.volumes().containsKey(vol)
          && marked(idx, vol)
          && unknownHolders(idx, vol).isEmpty()) {
        out.add(vol);
      }
    }
    while (true) {
      SortedSet<String> keep = new TreeSet<>();
      for (String vol : out) {
        if (out.containsAll(Restore.dependentSet(idx, vol, null))) {
          keep.add(vol);
        }
      }
      if (keep.size() == out.size()) {
        return out;
      }
      out = keep;
    }
  }

  /** The storage deletes of {@code vol}'s ZFS clones (on each node that holds one, owned). */
  private static List<String> cloneStorageDeletes(ObservedIndex idx, String vol) {
    List<String> out = new ArrayList<>();
    for (String clone : Restore.dependentSet(idx, vol, null)) {
      for (Map.Entry<String, StorageObject> e : idx.storage(clone).entrySet()) {
        if (e.getValue().owned()) {
          out.add(VolumeContext.id(clone, e.getKey(), Layer.STORAGE));
        }
      }
    }
    return out;
  }

  private static List<String> unknownHolders(ObservedIndex idx, String vol) {
    List<String> out = new ArrayList<>();
    DrbdConfig cfg = idx.drbdConfig(vol);
    if (cfg != null) {
      for (DrbdConfig.Host h : cfg.hosts()) {
        if (idx.unknown(h.node())) {
          out.add(h.node());
        }
      }
    }
    return out;
  }

  static String nqn(String vol) {
    return Names.nqn(vol);
  }
}
