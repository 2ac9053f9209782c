package io.strata.simulator.state;

/** A peer of a DRBD resource as the local node was configured with it (by adjust/up). */
public final class DrbdPeer {
  public String name;
  public int nodeId;

  /** ip:port this node uses towards the peer. */
  public String localAddress;

  /** ip:port of the peer. */
  public String peerAddress;
}
