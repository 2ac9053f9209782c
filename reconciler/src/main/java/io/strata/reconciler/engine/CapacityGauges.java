package io.strata.reconciler.engine;

import io.strata.planner.cost.PoolUsage;
import io.strata.planner.observed.DrbdResource;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.reconciler.metrics.ClusterGauges;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Node;
import io.strata.schema.model.StoragePool;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@link ClusterGauges} of one observation: pools from Git, measured as the plan measures. */
final class CapacityGauges {
  private CapacityGauges() {}

  static ClusterGauges of(DesiredState desired, ObservedState observed) {
    List<ClusterGauges.Pool> pools = new ArrayList<>();
    for (StoragePool p : desired.pools().values()) {
      for (Node n : desired.nodes().values()) {
        if (!p.appliesTo(n)) {
          continue;
        }
        NodeState s = observed.isUnknown(n.name()) ? null : observed.nodes().get(n.name());
        Optional<PoolUsage> u = s == null ? Optional.empty() : PoolUsage.of(p, s);
        Double limit = PoolUsage.overcommitLimit(p);
        pools.add(
            new ClusterGauges.Pool(
                n.name(),
                p.name(),
                p.provider().type().yamlName(),
                backing(p),
                u.isPresent(),
                u.map(PoolUsage::total).orElse(0L),
                u.map(PoolUsage::free).orElse(0L),
                u.map(PoolUsage::provisioned).orElse(0L),
                limit,
                u.map(x -> x.usedShare(limit)).orElse(0.0)));
      }
    }
    List<ClusterGauges.Replica> replicas = new ArrayList<>();
    for (NodeState n : observed.nodes().values()) {
      for (DrbdResource r : n.drbdResources()) {
        if (!r.owned()) {
          continue;
        }
        DrbdResource.Runtime rt = r.runtime();
        replicas.add(
            new ClusterGauges.Replica(
                r.name(),
                n.node(),
                rt == null ? "Unknown" : rt.role(),
                rt == null ? "Down" : rt.diskState()));
      }
    }
    return new ClusterGauges(pools, replicas);
  }

  private static String backing(StoragePool p) {
    StoragePool.Provider pr = p.provider();
    return switch (pr.type()) {
      case LVM -> pr.volumeGroup();
      case LVM_THIN -> pr.volumeGroup() + "/" + pr.thinPool();
      case ZFS, ZFS_THIN -> pr.zpool();
    };
  }
}
