package io.strata.simulator.state;

/** One volume of an up DRBD resource on one node. */
public final class DrbdVolume {
  public int volume;
  public int minor;

  /** Canonical backing device path, or null when diskless. */
  public String disk;

  /** True when configured without a disk (a client), as opposed to detached. */
  public boolean client;

  /** Usable size this node's backing device offers, in KiB. */
  public long usableKiB;

  /** The size last agreed with connected peers (DRBD keeps it while disconnected), in KiB. */
  public long agreedKiB;

  /** When resyncing as SyncTarget: the generation being fetched, the source, start, total. */
  public long syncGen;

  public String syncSource;
  public long syncStartMillis;
  public long syncTotalKiB;
}
