package io.strata.planner.place;

import io.strata.planner.index.ObservedIndex;
import io.strata.planner.observed.DrbdConfig;
import io.strata.planner.plan.Refusal;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import io.strata.schema.model.Node;
import io.strata.schema.model.ResourceTemplate;
import io.strata.schema.model.Volume;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The diskless side of a placement: DRBD clients on {@code access} nodes, the auto-tiebreaker, and
 * NVMe initiators for stacks without DRBD.
 */
final class Access {
  private final DesiredState desired;
  private final ObservedIndex idx;
  private final Map<String, Integer> replicaCount;
  private final Map<String, Integer> disklessCount;

  /** {@code disklessCount} is the plan's running count, updated with each tiebreaker chosen. */
  Access(
      DesiredState desired,
      ObservedIndex idx,
      Map<String, Integer> replicaCount,
      Map<String, Integer> disklessCount) {
    this.desired = desired;
    this.idx = idx;
    this.replicaCount = replicaCount;
    this.disklessCount = disklessCount;
  }

  VolumePlacement complete(
      Volume v,
      ResourceTemplate t,
      List<Replica> diskful,
      List<Replica> remove,
      List<Refusal> refusals,
      List<String> warnings) {
    String name = v.name();
    Set<String> disk = Placer.nodes(diskful);
    SortedSet<String> clients = new TreeSet<>();
    SortedSet<String> initiators = new TreeSet<>();
    String tiebreaker = null;
    DrbdConfig cfg = t.has(Layer.DRBD) ? idx.drbdConfig(name) : null;
    for (String a : v.access()) {
      if (disk.contains(a)) {
        continue;
      }
      boolean known = idx.reachable(a);
      boolean configured = cfg != null && cfg.host(a).isPresent();
      if (!known && !configured) {
        // unknown, not absent: its attachment may well exist (§5), so it is not "not attached yet"
        warnings.add(
            name
                + ": access node "
                + a
                + " is unreachable; its attachment is unknown, nothing is planned on it");
        continue;
      }
      if (t.has(Layer.DRBD)) {
        clients.add(a);
      } else if (t.has(Layer.NVME)) {
        if (diskful.size() == 1) {
          initiators.add(a);
        }
      } else {
        refusals.add(
            new Refusal(
                name,
                a,
                "access from "
                    + a
                    + " needs a drbd or nvme layer; template "
                    + t.name()
                    + " has only "
                    + t.layers(),
                Refusal.Kind.PLACEMENT));
      }
    }
    boolean autoTiebreaker = t.drbd() == null || t.drbd().autoTiebreaker();
    if (t.has(Layer.DRBD) && autoTiebreaker && diskful.size() == 2 && clients.isEmpty()) {
      tiebreaker = chooseTiebreaker(cfg, disk, v, remove);
      if (tiebreaker == null) {
        warnings.add(name + ": no third node for a DRBD tiebreaker; quorum has only 2 voters");
      }
    }
    return new VolumePlacement(
        name, diskful, remove, tiebreaker, clients, initiators, false, refusals, warnings);
  }

  /**
   * Keeps an existing diskless tiebreaker when still usable, else turns a replica being removed
   * into it (it only detaches its disk), else the least loaded node.
   */
  private String chooseTiebreaker(
      DrbdConfig cfg, Set<String> disk, Volume v, List<Replica> remove) {
    if (cfg != null) {
      for (DrbdConfig.Host h : cfg.hosts()) {
        if (h.diskless() && !v.access().contains(h.node()) && usable(h.node(), disk)) {
          return h.node();
        }
      }
      for (Replica r : remove) {
        if (r.touchable() && cfg.host(r.node()).isPresent() && usable(r.node(), disk)) {
          return r.node();
        }
      }
    }
    // load counts tiebreakers too: by diskful replicas alone, every tiebreaker of a large plan
    // went to the same node (992 of 3,398 at 1,000 nodes), which then ran out of DRBD ports
    String best = null;
    int bestCount = Integer.MAX_VALUE;
    for (String node : desired.nodes().keySet()) {
      if (usable(node, disk)) {
        int c = replicaCount.getOrDefault(node, 0) + disklessCount.getOrDefault(node, 0);
        if (c < bestCount) {
          best = node;
          bestCount = c;
        }
      }
    }
    if (best != null) {
      disklessCount.merge(best, 1, Integer::sum);
    }
    return best;
  }

  /** A tiebreaker runs DRBD too: never on a node whose kernel lacks DRBD 9 (issue 9). */
  private boolean usable(String node, Set<String> disk) {
    Node n = desired.nodes().get(node);
    return n != null
        && !n.evacuate()
        && idx.reachable(node)
        && !disk.contains(node)
        && idx.observed().node(node).map(s -> s.observed(Layer.DRBD)).orElse(true);
  }
}
