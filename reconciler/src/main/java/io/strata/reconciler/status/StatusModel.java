package io.strata.reconciler.status;

import java.util.List;
import java.util.Map;

/**
 * What the cluster looks like, per volume and node, as facts: the integrator computes it from
 * desired + observed state; the daemon adds commits and conditions. Every list is in a stable order
 * chosen by the daemon (sorted by name) so that status files do not churn.
 */
public record StatusModel(List<VolumeFacts> volumes, List<NodeFacts> nodes) {
  public StatusModel {
    volumes = List.copyOf(volumes);
    nodes = List.copyOf(nodes);
  }

  public static StatusModel empty() {
    return new StatusModel(List.of(), List.of());
  }

  /**
   * One volume. {@code ready} is whether every desired replica exists and is UpToDate; {@code
   * readyMessage} says what is missing when not. Sizes are bytes, {@code null} when unknown.
   */
  public record VolumeFacts(
      String name,
      boolean ready,
      String readyMessage,
      Long requestedBytes,
      Long allocatedBytes,
      List<ReplicaFacts> replicas) {
    public VolumeFacts {
      replicas = List.copyOf(replicas);
    }
  }

  /**
   * One replica of a volume on a node: {@code diskful} or a diskless client/initiator, the device
   * path a consumer opens ({@code /dev/drbd1000}), its replication state and, while syncing, the
   * percentage done ({@code null} otherwise).
   */
  public record ReplicaFacts(
      String node,
      boolean diskful,
      String pool,
      String devicePath,
      ReplicationState replication,
      Double percentDone) {}

  /**
   * One node: whether it could be observed (an unreachable node is unknown, not empty), the reason
   * when not, pool capacities in bytes and device paths per volume.
   */
  public record NodeFacts(
      String name,
      boolean reachable,
      String message,
      Map<String, PoolFacts> pools,
      Map<String, String> devices) {
    public NodeFacts {
      pools = Map.copyOf(pools);
      devices = Map.copyOf(devices);
    }
  }

  /** Capacity of one pool (VG, thin pool, zpool) in bytes. */
  public record PoolFacts(long totalBytes, long freeBytes) {}
}
