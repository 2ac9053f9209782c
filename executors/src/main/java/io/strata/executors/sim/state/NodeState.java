package io.strata.executors.sim.state;

import java.util.TreeMap;
import java.util.TreeSet;

/** Everything one simulated node holds: its storage, its kernel objects and its files. */
public final class NodeState {
  public String name;
  public TreeMap<String, VgState> vgs = new TreeMap<>();
  public TreeMap<String, ZpoolState> zpools = new TreeMap<>();
  public TreeMap<String, CryptMapping> mappings = new TreeMap<>();
  public TreeMap<String, DrbdRuntime> drbd = new TreeMap<>();
  public TreeMap<String, NvmeController> nvme = new TreeMap<>();
  public TreeMap<String, FileEntry> files = new TreeMap<>();
  public TreeSet<String> dirs = new TreeSet<>();

  /** Symbolic links: link path to target path. */
  public TreeMap<String, String> links = new TreeMap<>();

  /**
   * What the node was seeded with (null in state written before it was kept): a later {@code
   * simulation.nodes} entry with other capacities is refused rather than silently ignored.
   */
  public io.strata.executors.sim.SimSeed seed;

  public int nextDmMinor;
  public long commandCount;
}
