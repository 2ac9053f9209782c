package io.strata.planner.observed;

import java.util.List;

/**
 * A DRBD resource on one node: the configuration from the .res file Strata wrote (null when there
 * is no such file, e.g. a resource Strata does not own) and the kernel state from {@code drbdsetup
 * status --json} (null when the resource is configured but down).
 */
public record DrbdResource(String name, boolean owned, DrbdConfig config, Runtime runtime) {
  public boolean up() {
    return runtime != null;
  }

  /**
   * Kernel state. {@code diskState}: UpToDate, Inconsistent, Outdated, Diskless, …; {@code role}:
   * Primary/Secondary.
   */
  public record Runtime(
      String role, int nodeId, String diskState, long sizeBytes, List<Peer> peers) {
    public Runtime {
      peers = List.copyOf(peers);
    }
  }

  /**
   * A connection as seen from this node. {@code replicationState}: Established, SyncSource,
   * SyncTarget, …; {@code percentInSync} 0–100.
   */
  public record Peer(
      String name,
      int nodeId,
      String connectionState,
      String peerDiskState,
      String replicationState,
      double percentInSync) {}
}
