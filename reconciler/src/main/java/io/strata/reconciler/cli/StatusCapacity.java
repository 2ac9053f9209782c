package io.strata.reconciler.cli;

import io.strata.planner.cost.PoolUsage;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.reconciler.cli.StatusView.NodeView;
import io.strata.reconciler.cli.StatusView.PoolView;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Node;
import io.strata.schema.model.StoragePool;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Nodes and pools of {@code strata status}: reachability, layers present and pool capacity. */
final class StatusCapacity {
  private StatusCapacity() {}

  static List<NodeView> nodes(DesiredState desired, ObservedState observed) {
    List<NodeView> out = new ArrayList<>();
    for (Node n : desired.nodes().values()) {
      Optional<NodeState> s =
          observed.isUnknown(n.name()) ? Optional.empty() : observed.node(n.name());
      out.add(
          s.map(st -> new NodeView(n.name(), true, "observed", layers(st)))
              .orElseGet(
                  () ->
                      new NodeView(
                          n.name(),
                          false,
                          observed.unreachable().getOrDefault(n.name(), "not observed"),
                          List.of())));
    }
    return out;
  }

  /** The storage layers this node holds objects of, bottom-up. */
  private static List<String> layers(NodeState s) {
    List<String> l = new ArrayList<>();
    if (!s.volumeGroups().isEmpty()) {
      l.add("lvm");
    }
    if (!s.thinPools().isEmpty()) {
      l.add("lvm-thin");
    }
    if (!s.zpools().isEmpty()) {
      l.add("zfs");
    }
    if (!s.luksDevices().isEmpty()) {
      l.add("luks");
    }
    if (!s.drbdResources().isEmpty()) {
      l.add("drbd");
    }
    if (!s.nvmeSubsystems().isEmpty()) {
      l.add("nvme-target");
    }
    if (!s.nvmeConnections().isEmpty()) {
      l.add("nvme-initiator");
    }
    return l;
  }

  static List<PoolView> pools(DesiredState desired, ObservedState observed, double threshold) {
    List<PoolView> out = new ArrayList<>();
    for (StoragePool p : desired.pools().values()) {
      for (Node n : desired.nodes().values()) {
        if (p.appliesTo(n)) {
          NodeState s = observed.isUnknown(n.name()) ? null : observed.node(n.name()).orElse(null);
          out.add(pool(p, n.name(), s, threshold));
        }
      }
    }
    return out;
  }

  /** Measured as the plan, /metrics and the capacity alert measure it ({@link PoolUsage}). */
  private static PoolView pool(StoragePool p, String node, NodeState s, double threshold) {
    StoragePool.Provider pr = p.provider();
    Optional<PoolUsage> u = s == null ? Optional.empty() : PoolUsage.of(p, s);
    if (u.isEmpty()) {
      return unknown(p, node, backing(pr));
    }
    PoolUsage x = u.get();
    Double limit = PoolUsage.overcommitLimit(p);
    double used = x.usedShare(limit);
    return new PoolView(
        p.name(),
        node,
        pr.type().yamlName(),
        backing(pr),
        x.total(),
        x.free(),
        x.provisioned(),
        limit == null ? null : ratio(x.provisioned(), x.total()),
        limit,
        Math.round(used * 1000) / 10.0,
        used >= threshold);
  }

  private static String backing(StoragePool.Provider pr) {
    return switch (pr.type()) {
      case LVM -> pr.volumeGroup();
      case LVM_THIN -> pr.volumeGroup() + "/" + pr.thinPool();
      case ZFS, ZFS_THIN -> pr.zpool();
    };
  }

  private static PoolView unknown(StoragePool p, String node, String backing) {
    return new PoolView(
        p.name(),
        node,
        p.provider().type().yamlName(),
        backing,
        null,
        null,
        null,
        null,
        PoolUsage.overcommitLimit(p),
        null,
        false);
  }

  /** Provisioned : physical, rounded to two decimals (1.25 = 25 % overcommitted). */
  private static Double ratio(long provisioned, long physical) {
    return physical <= 0 ? null : Math.round(100.0 * provisioned / physical) / 100.0;
  }
}
