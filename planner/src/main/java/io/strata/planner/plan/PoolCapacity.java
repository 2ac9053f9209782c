package io.strata.planner.plan;

/**
 * One StoragePool on one node before and after the plan. {@code total}: bytes of the VG, thin pool
 * or zpool; {@code Usage.free}: physically free bytes; {@code Usage.provisioned}: bytes given to
 * volumes (for thin pools their virtual sizes, which {@code overcommit} limits to {@code total ×
 * overcommit}). {@code overcommit} is null for thick pools.
 */
public record PoolCapacity(
    String pool,
    String node,
    String type,
    long total,
    Usage before,
    Usage after,
    Double overcommit) {

  /** Free and provisioned bytes at one moment. */
  public record Usage(long free, long provisioned) {
    /** Provisioned : total, e.g. 1.25 for a thin pool 25 % overcommitted. */
    public double ratio(long total) {
      return total <= 0 ? 0 : (double) provisioned / total;
    }

    /** Used share of the physical space, 0–1. */
    public double usedShare(long total) {
      return total <= 0 ? 0 : (double) (total - free) / total;
    }
  }

  public boolean thin() {
    return overcommit != null;
  }

  /** Provisioned bytes allowed: {@code total × overcommit} for thin pools, {@code total} else. */
  public long limit() {
    return thin() ? (long) Math.floor(total * overcommit) : total;
  }
}
