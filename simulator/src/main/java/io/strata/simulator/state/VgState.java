package io.strata.simulator.state;

import java.util.TreeMap;
import java.util.TreeSet;

/** One volume group with a single fake physical volume. */
public final class VgState {
  public String name;
  public String pvName;
  public long extentSize;
  public long extentCount;
  public String uuid;
  public String pvUuid;
  public TreeSet<String> tags = new TreeSet<>();
  public TreeMap<String, LvState> lvs = new TreeMap<>();

  public long usedExtents() {
    return lvs.values().stream().mapToLong(lv -> lv.extents).sum();
  }

  public long freeExtents() {
    return extentCount - usedExtents();
  }
}
