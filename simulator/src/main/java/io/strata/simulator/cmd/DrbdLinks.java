package io.strata.simulator.cmd;

import io.strata.simulator.state.ClusterState;
import io.strata.simulator.state.DrbdPeer;
import io.strata.simulator.state.DrbdRuntime;
import io.strata.simulator.state.DrbdVolume;
import io.strata.simulator.state.SimNode;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether two nodes' DRBD resources are connected: both up, neither standalone, each configured
 * with the other under matching node-ids and addresses (what the DRBD handshake checks).
 */
public final class DrbdLinks {
  private DrbdLinks() {}

  public static String connectionState(ClusterState cs, SimNode n, DrbdRuntime r, DrbdPeer p) {
    if (r.standAlone) {
      return "StandAlone";
    }
    return peerRuntime(cs, n, r, p).isPresent() ? "Connected" : "Connecting";
  }

  /** The peer's runtime when the connection is established, else empty. */
  public static Optional<DrbdRuntime> peerRuntime(
      ClusterState cs, SimNode n, DrbdRuntime r, DrbdPeer p) {
    if (r.standAlone || p.name.equals(n.name)) {
      return Optional.empty();
    }
    Optional<SimNode> peerNode = cs.existing(p.name);
    if (peerNode.isEmpty()) {
      return Optional.empty();
    }
    DrbdRuntime pr = peerNode.get().drbd.get(r.name);
    if (pr == null || pr.standAlone) {
      return Optional.empty();
    }
    DrbdPeer back = pr.peers.get(n.name);
    if (back == null || back.nodeId != r.nodeId || pr.nodeId != p.nodeId) {
      return Optional.empty();
    }
    if (!Objects.equals(p.peerAddress, back.localAddress)
        || !Objects.equals(p.localAddress, back.peerAddress)) {
      return Optional.empty();
    }
    return Optional.of(pr);
  }

  /**
   * The volume's size as DRBD agrees on it: the smallest diskful member connected, in KiB. A
   * diskful node without connected diskful peers keeps the size last agreed (as DRBD keeps it in
   * its metadata), capped by its own disk; a diskless node without them has no size.
   */
  public static long deviceSizeKiB(ClusterState cs, SimNode n, DrbdRuntime r, DrbdVolume v) {
    long size = v.disk != null ? v.usableKiB : Long.MAX_VALUE;
    boolean peered = false;
    for (DrbdPeer p : r.peers.values()) {
      Optional<DrbdRuntime> pr = peerRuntime(cs, n, r, p);
      if (pr.isPresent()) {
        DrbdVolume pv = pr.get().volumes.get(v.volume);
        if (pv != null && pv.disk != null) {
          size = Math.min(size, pv.usableKiB);
          peered = true;
        }
      }
    }
    if (v.disk == null) {
      return size == Long.MAX_VALUE ? 0 : size;
    }
    if (peered) {
      if (v.agreedKiB != size) {
        cs.changed(); // before the change: a shared probe stops here (ClusterState#changed)
        v.agreedKiB = size; // DRBD records what it agreed on, also when only asked
      }
      return size;
    }
    return v.agreedKiB > 0 ? Math.min(v.agreedKiB, v.usableKiB) : v.usableKiB;
  }
}
