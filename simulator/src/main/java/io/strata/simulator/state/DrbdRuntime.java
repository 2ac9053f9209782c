package io.strata.simulator.state;

import java.util.TreeMap;

/** A DRBD resource that is up on a node (the kernel's view, not the .res file). */
public final class DrbdRuntime {
  public String name;
  public int nodeId;
  public String role = "Secondary";
  public boolean standAlone;
  public String quorum = "off";
  public boolean allowTwoPrimaries;
  // drbdadm suspend-io until resume-io: I/O to the device blocks (docs/decisions/022)
  public boolean suspendedUser;
  public TreeMap<String, DrbdPeer> peers = new TreeMap<>();
  public TreeMap<Integer, DrbdVolume> volumes = new TreeMap<>();
}
