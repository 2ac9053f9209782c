package io.strata.reconciler.metrics;

import java.util.List;

/**
 * What the last observation found about capacity and replication, for {@code /metrics} and the
 * capacity alert (decision 013): every StoragePool on every node it applies to, and every DRBD
 * replica's role and disk state. A pool on a node that was not observed is listed with {@code
 * observed} false and zero sizes: unknown, not empty, so an alert that fires for it keeps firing.
 */
public record ClusterGauges(List<Pool> pools, List<Replica> replicas) {
  public static final ClusterGauges NONE = new ClusterGauges(List.of(), List.of());

  public ClusterGauges {
    pools = List.copyOf(pools);
    replicas = List.copyOf(replicas);
  }

  /**
   * One pool on one node: {@code driver} the provider type ({@code lvm-thin}), {@code backing} the
   * VG, thin pool or zpool; bytes; {@code overcommitLimit} null for thick pools; {@code used} the
   * share in use (for thin pools the larger of written and provisioned-of-limit), 0–1.
   */
  public record Pool(
      String node,
      String pool,
      String driver,
      String backing,
      boolean observed,
      long total,
      long free,
      long provisioned,
      Double overcommitLimit,
      double used) {
    /** Provisioned : physical (thin overcommit). */
    public double ratio() {
      return total <= 0 ? 0 : (double) provisioned / total;
    }
  }

  /** One DRBD replica: {@code role} Primary/Secondary, {@code diskState} UpToDate, Diskless, … */
  public record Replica(String resource, String node, String role, String diskState) {}
}
