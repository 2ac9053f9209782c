package io.strata.reconciler.cli;

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

  static List<PoolView> pools(DesiredState desired, ObservedState observed) {
    List<PoolView> out = new ArrayList<>();
    for (StoragePool p : desired.pools().values()) {
      for (Node n : desired.nodes().values()) {
        if (p.appliesTo(n)) {
          NodeState s = observed.isUnknown(n.name()) ? null : observed.node(n.name()).orElse(null);
          out.add(pool(p, n.name(), s));
        }
      }
    }
    return out;
  }

  private static PoolView pool(StoragePool p, String node, NodeState s) {
    StoragePool.Provider pr = p.provider();
    String type = pr.type().yamlName();
    switch (pr.type()) {
      case LVM -> {
        var vg =
            s == null
                ? null
                : s.volumeGroups().stream()
                    .filter(v -> v.name().equals(pr.volumeGroup()))
                    .findFirst()
                    .orElse(null);
        return vg == null
            ? unknown(p, node, pr.volumeGroup())
            : new PoolView(
                p.name(), node, type, vg.name(), vg.size(), vg.free(), vg.size() - vg.free(), null);
      }
      case LVM_THIN -> {
        String backing = pr.volumeGroup() + "/" + pr.thinPool();
        var tp =
            s == null
                ? null
                : s.thinPools().stream()
                    .filter(t -> t.vg().equals(pr.volumeGroup()) && t.name().equals(pr.thinPool()))
                    .findFirst()
                    .orElse(null);
        if (tp == null) {
          return unknown(p, node, backing);
        }
        long virtual =
            s.logicalVolumes().stream()
                .filter(
                    lv -> pr.thinPool().equals(lv.thinPool()) && lv.vg().equals(pr.volumeGroup()))
                .mapToLong(lv -> lv.size())
                .sum();
        return new PoolView(
            p.name(),
            node,
            type,
            backing,
            tp.size(),
            tp.free(),
            virtual,
            ratio(virtual, tp.size()));
      }
      default -> {
        var z =
            s == null
                ? null
                : s.zpools().stream()
                    .filter(x -> x.name().equals(pr.zpool()))
                    .findFirst()
                    .orElse(null);
        if (z == null) {
          return unknown(p, node, pr.zpool());
        }
        long given =
            s.zvols().stream()
                .filter(v -> !v.isSnapshot() && v.dataset().startsWith(pr.zpool() + "/"))
                .mapToLong(v -> v.volsize())
                .sum();
        return new PoolView(
            p.name(),
            node,
            type,
            z.name(),
            z.size(),
            z.free(),
            given,
            pr.type().thin() ? ratio(given, z.size()) : null);
      }
    }
  }

  private static PoolView unknown(StoragePool p, String node, String backing) {
    return new PoolView(
        p.name(), node, p.provider().type().yamlName(), backing, null, null, null, null);
  }

  /** Provisioned : physical, rounded to two decimals (1.25 = 25 % overcommitted). */
  private static Double ratio(long provisioned, long physical) {
    return physical <= 0 ? null : Math.round(100.0 * provisioned / physical) / 100.0;
  }
}
