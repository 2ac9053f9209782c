package io.strata.planner;

import io.strata.planner.alloc.DrbdAllocator;
import io.strata.planner.alloc.VolumeSizes;
import io.strata.planner.cost.CostModel;
import io.strata.planner.diff.Adoption;
import io.strata.planner.diff.Guard;
import io.strata.planner.diff.OrphanDiff;
import io.strata.planner.diff.Restore;
import io.strata.planner.diff.SharedNvmetPorts;
import io.strata.planner.diff.VolumeDiff;
import io.strata.planner.index.ObservedIndex;
import io.strata.planner.naming.Names;
import io.strata.planner.observed.DevicePaths;
import io.strata.planner.observed.DrbdConfig;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.order.Orderer;
import io.strata.planner.place.Placer;
import io.strata.planner.place.Replica;
import io.strata.planner.place.VolumePlacement;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.Divergence;
import io.strata.planner.plan.Plan;
import io.strata.planner.plan.PlanCost;
import io.strata.planner.plan.Refusal;
import io.strata.planner.policy.Policy;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import io.strata.schema.model.Node;
import io.strata.schema.model.ResourceTemplate;
import io.strata.schema.model.Volume;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The planner brain (ARCHITECTURE.md §5–§7): a pure, deterministic function from desired state,
 * observed state and policy to a {@link Plan}. Volumes are processed in name order so that capacity
 * reservations and DRBD allocations never depend on anything but the inputs.
 */
public final class Planner {
  private Planner() {}

  /**
   * Plans. {@code commit} (null outside Git) and {@code fingerprint} (of {@code observed}, computed
   * by the caller) are carried into the plan unchanged.
   */
  public static Plan plan(
      DesiredState desired,
      ObservedState observed,
      Policy policy,
      String commit,
      String fingerprint) {
    return plan(desired, observed, policy, commit, fingerprint, Placer.Search.INDEXED);
  }

  /** As {@link #plan}, with the placement search chosen (tests compare the two). */
  static Plan plan(
      DesiredState desired,
      ObservedState observed,
      Policy policy,
      String commit,
      String fingerprint,
      Placer.Search search) {
    ObservedIndex idx = ObservedIndex.of(observed);
    Placer placer = new Placer(desired, idx, search);
    DrbdAllocator allocator = new DrbdAllocator(idx);
    List<Change> changes = new ArrayList<>();
    List<Refusal> refused = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<Divergence> divergences = new ArrayList<>();
    for (String unknown : observed.unreachable().keySet()) {
      warnings.add(
          "node "
              + unknown
              + " is unknown ("
              + observed.unreachable().get(unknown)
              + "); nothing is planned on it");
    }
    for (Volume v : desired.volumes().values()) {
      ResourceTemplate t = desired.templateOf(v);
      VolumeSizes sizes = sizesOf(v, t, desired, idx);
      Adoption.Result adopted = Adoption.plan(v, sizes, idx, desired);
      if (adopted.handled()) { // the adoption alone; the next plan manages the volume
        if (adopted.change() != null) {
          changes.add(adopted.change());
        }
        if (adopted.refusal() != null) {
          refused.add(adopted.refusal());
        }
        continue;
      }
      Restore.Decision restore = Restore.decide(v, idx, desired);
      if (restore.skip()) { // a clone that waits for its source, or a changed source refused
        if (restore.refusal() != null) {
          refused.add(restore.refusal());
        }
        if (restore.warning() != null) {
          warnings.add(restore.warning());
        }
        continue;
      }
      VolumePlacement vp = placer.place(restore.volume(), sizes);
      DrbdConfig cfg = null;
      if (t.has(Layer.DRBD) && !vp.refused()) {
        cfg =
            allocator.config(v.name(), t.drbd(), hosts(vp, v, t, desired, idx), sizes.peerSlots());
        if (cfg == null) {
          refused.add(
              new Refusal(
                  v.name(),
                  null,
                  "no DRBD port free on all of its nodes in "
                      + DrbdAllocator.PORT_MIN
                      + "–"
                      + DrbdAllocator.PORT_MAX,
                  Refusal.Kind.PLACEMENT));
          continue;
        }
      }
      VolumeDiff.Result r =
          VolumeDiff.diff(
              v, vp, sizes, cfg, idx, desired, policy, placer.capacity(), restore.origin());
      changes.addAll(r.changes());
      refused.addAll(r.refused());
      warnings.addAll(r.warnings());
      divergences.addAll(r.divergences());
    }
    warnings.addAll(allocator.warnings());
    OrphanDiff.Result orphans = OrphanDiff.diff(idx, desired, policy);
    changes.addAll(orphans.changes());
    refused.addAll(orphans.refused());
    warnings.addAll(orphans.warnings());

    Set<String> known = new TreeSet<>(desired.volumes().keySet());
    known.addAll(idx.ownedVolumes());
    Refusal guard = Guard.check(orphans.deleted(), known.size(), policy);
    if (guard != null) {
      refused.add(guard);
      Set<String> deletes = new HashSet<>();
      changes.stream().filter(c -> c.action() == Action.DELETE).forEach(c -> deletes.add(c.id()));
      changes = Orderer.without(changes, deletes);
    }
    changes = holdBack(changes, refused, policy.backedOff());
    changes = SharedNvmetPorts.order(observed, changes);
    List<Change> ordered = Orderer.order(changes);
    PlanCost cost = CostModel.of(desired, observed, policy.syncRate(), ordered);
    return new Plan(commit, fingerprint, ordered, refused, warnings, divergences, cost);
  }

  /**
   * The changes of volumes backing off after failed changes wait for the next plan after their
   * backoff; a refusal says how many. Changes of different volumes do not depend on each other yet
   * (the shared nvmet port edges are added after this).
   */
  private static List<Change> holdBack(
      List<Change> changes, List<Refusal> refused, Set<String> backedOff) {
    if (backedOff.isEmpty()) {
      return changes;
    }
    Map<String, Integer> held = new TreeMap<>();
    Set<String> drop = new HashSet<>();
    for (Change c : changes) {
      if (backedOff.contains(c.volume())) {
        held.merge(c.volume(), 1, Integer::sum);
        drop.add(c.id());
      }
    }
    held.forEach(
        (v, n) ->
            refused.add(
                new Refusal(
                    v,
                    null,
                    n
                        + " change(s) of "
                        + v
                        + " wait: it is backing off after failed changes and is retried once the"
                        + " backoff expires",
                    Refusal.Kind.BACKOFF)));
    return Orderer.without(changes, drop);
  }

  /** Peer slots come from the observed resource (fixed in its metadata), else from the hosts. */
  private static VolumeSizes sizesOf(
      Volume v, ResourceTemplate t, DesiredState desired, ObservedIndex idx) {
    boolean drbd = t.has(Layer.DRBD);
    int slots = 0;
    if (drbd) {
      DrbdConfig seen = idx.drbdConfig(v.name());
      int hosts = desired.placementOf(v).effectiveRedundancy() + v.access().size() + 1;
      slots = seen != null ? seen.peerSlots() : VolumeSizes.peerSlotsFor(hosts);
    }
    return new VolumeSizes(v.size().bytes(), slots, drbd, t.has(Layer.LUKS));
  }

  private static List<DrbdAllocator.HostSpec> hosts(
      VolumePlacement vp, Volume v, ResourceTemplate t, DesiredState desired, ObservedIndex idx) {
    DrbdConfig seen = idx.drbdConfig(v.name());
    List<DrbdAllocator.HostSpec> hosts = new ArrayList<>();
    for (Replica r : vp.diskful()) {
      String disk;
      if (r.touchable() || seen == null || seen.host(r.node()).isEmpty()) {
        disk =
            t.has(Layer.LUKS)
                ? DevicePaths.mapper(Names.luksMapping(v.name()))
                : DevicePaths.storage(
                    r.provider().lvm(), r.container(), Names.storageName(v.name()));
      } else {
        disk = seen.host(r.node()).map(DrbdConfig.Host::disk).orElse(null);
      }
      hosts.add(new DrbdAllocator.HostSpec(r.node(), address(r.node(), desired, seen), disk));
    }
    Set<String> diskless = new TreeSet<>(vp.clients());
    if (vp.tiebreaker() != null) {
      diskless.add(vp.tiebreaker());
    }
    for (String n : diskless) {
      hosts.add(new DrbdAllocator.HostSpec(n, address(n, desired, seen), null));
    }
    return hosts;
  }

  private static String address(String node, DesiredState desired, DrbdConfig seen) {
    Node n = desired.nodes().get(node);
    if (n != null) {
      return n.address();
    }
    return seen == null ? null : seen.host(node).map(DrbdConfig.Host::address).orElse(null);
  }
}
