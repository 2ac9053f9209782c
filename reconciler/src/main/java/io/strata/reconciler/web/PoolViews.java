package io.strata.reconciler.web;

import io.strata.planner.observed.LogicalVolume;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.observed.Zvol;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Node;
import io.strata.schema.model.StoragePool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * StoragePools as the operator declared them, one entry per (pool, node), with the capacity the
 * last observation found. A pool on an unobserved node has null capacities: unknown, not empty.
 */
final class PoolViews {
  private PoolViews() {}

  static List<Views.PoolView> of(DesiredState desired, ObservedState observed) {
    List<Views.PoolView> out = new ArrayList<>();
    for (StoragePool p : desired.pools().values()) {
      for (String node : nodesOf(desired, p)) {
        Optional<NodeState> n =
            observed == null || observed.isUnknown(node) ? Optional.empty() : observed.node(node);
        out.add(view(p, node, n.map(s -> capacity(p, s)).orElse(null)));
      }
    }
    return out;
  }

  private record Capacity(long total, long free, long allocated) {}

  private static Views.PoolView view(StoragePool p, String node, Capacity c) {
    return new Views.PoolView(
        p.name(),
        node,
        p.provider().type().yamlName(),
        p.provider().type().thin(),
        c == null ? null : c.total(),
        c == null ? null : c.free(),
        c == null ? null : c.allocated(),
        p.overcommit(),
        ClusterViews.source(p.metadata()));
  }

  private static List<String> nodesOf(DesiredState d, StoragePool p) {
    if (p.node() != null) {
      return List.of(p.node());
    }
    List<String> out = new ArrayList<>();
    for (Node n : d.nodes().values()) {
      Map<String, String> labels = n.metadata().labels();
      if (labels != null && labels.entrySet().containsAll(p.nodeSelector().entrySet())) {
        out.add(n.name());
      }
    }
    return out;
  }

  /** Null when the pool's VG, thin pool or zpool does not exist (yet) on the node. */
  private static Capacity capacity(StoragePool p, NodeState n) {
    StoragePool.Provider pr = p.provider();
    return switch (pr.type()) {
      case LVM ->
          n.volumeGroup(pr.volumeGroup())
              .map(vg -> new Capacity(vg.size(), vg.free(), vg.size() - vg.free()))
              .orElse(null);
      case LVM_THIN ->
          n.thinPool(pr.volumeGroup(), pr.thinPool())
              .map(tp -> new Capacity(tp.size(), tp.free(), thinProvisioned(n, pr)))
              .orElse(null);
      case ZFS ->
          n.zpool(pr.zpool())
              .map(z -> new Capacity(z.size(), z.free(), z.size() - z.free()))
              .orElse(null);
      case ZFS_THIN ->
          n.zpool(pr.zpool())
              .map(z -> new Capacity(z.size(), z.free(), zvolsProvisioned(n, pr.zpool())))
              .orElse(null);
    };
  }

  /** Virtual sizes of the thin LVs: what overcommit is measured against. */
  private static long thinProvisioned(NodeState n, StoragePool.Provider pr) {
    long sum = 0;
    for (LogicalVolume lv : n.logicalVolumes()) {
      if (lv.vg().equals(pr.volumeGroup())
          && pr.thinPool().equals(lv.thinPool())
          && !lv.isSnapshot()) {
        sum += lv.size();
      }
    }
    return sum;
  }

  private static long zvolsProvisioned(NodeState n, String zpool) {
    long sum = 0;
    for (Zvol z : n.zvols()) {
      if (z.dataset().startsWith(zpool + "/") && !z.isSnapshot()) {
        sum += z.volsize();
      }
    }
    return sum;
  }
}
