package io.strata.planner.cost;

import io.strata.planner.observed.LogicalVolume;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.Zvol;
import io.strata.schema.model.StoragePool;
import java.util.Optional;

/**
 * What one StoragePool holds on one observed node: total and free bytes of its VG, thin pool or
 * zpool, and the bytes provisioned to volumes (for thin pools the virtual sizes that {@code
 * overcommit} limits). Shared by the plan's capacity, {@code strata status}, {@code /metrics} and
 * the capacity alert so that they never disagree.
 */
public record PoolUsage(long total, long free, long provisioned) {

  /** Empty when the pool's VG, thin pool or zpool was not found on the node. */
  public static Optional<PoolUsage> of(StoragePool pool, NodeState n) {
    StoragePool.Provider p = pool.provider();
    return switch (p.type()) {
      case LVM ->
          n.volumeGroup(p.volumeGroup())
              .map(vg -> new PoolUsage(vg.size(), vg.free(), vg.size() - vg.free()));
      case LVM_THIN ->
          n.thinPool(p.volumeGroup(), p.thinPool())
              .map(tp -> new PoolUsage(tp.size(), tp.free(), thinProvisioned(n, p)));
      case ZFS ->
          n.zpool(p.zpool()).map(z -> new PoolUsage(z.size(), z.free(), z.size() - z.free()));
      case ZFS_THIN ->
          n.zpool(p.zpool()).map(z -> new PoolUsage(z.size(), z.free(), zvols(n, p.zpool())));
    };
  }

  /** The overcommit limit of a thin pool (1.0 when not set), null for thick pools. */
  public static Double overcommitLimit(StoragePool pool) {
    if (!pool.provider().type().thin()) {
      return null;
    }
    return pool.overcommit() > 0 ? pool.overcommit() : 1.0;
  }

  /** Provisioned : total (thin overcommit; 1.25 = 25 % beyond the physical size). */
  public double ratio() {
    return total <= 0 ? 0 : (double) provisioned / total;
  }

  /**
   * The share of the pool in use, 0–1: for thick pools the physically used space, for thin pools
   * the larger of the physically written share and the provisioned share of the overcommit limit (a
   * thin pool fails writes when it fills, and refuses new volumes at its limit).
   */
  public double usedShare(Double overcommit) {
    if (total <= 0) {
      return 0;
    }
    double physical = (double) (total - free) / total;
    if (overcommit == null) {
      return physical;
    }
    return Math.max(physical, provisioned / (total * overcommit));
  }

  private static long thinProvisioned(NodeState n, StoragePool.Provider p) {
    long sum = 0;
    for (LogicalVolume lv : n.logicalVolumes()) {
      if (lv.vg().equals(p.volumeGroup())
          && p.thinPool().equals(lv.thinPool())
          && !lv.isSnapshot()) {
        sum += lv.size();
      }
    }
    return sum;
  }

  private static long zvols(NodeState n, String zpool) {
    long sum = 0;
    for (Zvol z : n.zvols()) {
      if (z.dataset().startsWith(zpool + "/") && !z.isSnapshot()) {
        sum += z.volsize();
      }
    }
    return sum;
  }
}
