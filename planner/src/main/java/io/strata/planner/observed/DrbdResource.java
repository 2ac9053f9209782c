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
   * Primary/Secondary. {@code suspendedUser}: I/O suspended by {@code drbdadm suspend-io} and not
   * resumed (status JSON {@code suspended-user}) — left so only by an interrupted snapshot.
   */
  public record Runtime(
      String role,
      int nodeId,
      String diskState,
      long sizeBytes,
      List<Peer> peers,
      boolean suspendedUser) {
    public Runtime {
      peers = List.copyOf(peers);
    }

    public Runtime(String role, int nodeId, String diskState, long sizeBytes, List<Peer> peers) {
      this(role, nodeId, diskState, sizeBytes, peers, false);
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
