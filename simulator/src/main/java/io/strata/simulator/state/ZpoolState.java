package io.strata.simulator.state;

import java.util.TreeMap;

/** A zpool holding zvols (keyed by full dataset name, snapshots included). */
public final class ZpoolState {
  public String name;
  public long sizeBytes;
  public String guid;
  public TreeMap<String, ZfsDataset> datasets = new TreeMap<>();

  /** Space charged to datasets: refreservation or referenced, whichever is larger. */
  public long used() {
    long used = 0;
    for (ZfsDataset d : datasets.values()) {
      used += "snapshot".equals(d.type) ? 0 : Math.max(d.refreservation, d.referenced);
    }
    return used;
  }

  public long free() {
    return Math.max(0, sizeBytes - used());
  }
}
