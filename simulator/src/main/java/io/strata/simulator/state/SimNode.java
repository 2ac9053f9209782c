package io.strata.simulator.state;

import java.util.TreeMap;
import java.util.TreeSet;

/** Everything one simulated node holds: its storage, its kernel objects and its files. */
public final class SimNode {
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
  public io.strata.simulator.state.SimSeed seed;

  public int nextDmMinor;
  public long commandCount;

  /** A file, directory or link at {@code path}, or anything below it ({@code dir/}: only below). */
  public boolean exists(String path) {
    String prefix = path.endsWith("/") ? path : path + "/";
    return files.containsKey(path)
        || dirs.contains(path)
        || links.containsKey(path)
        || !files.subMap(prefix, prefix + '\uffff').isEmpty()
        || !dirs.subSet(prefix, prefix + '\uffff').isEmpty()
        || !links.subMap(prefix, prefix + '\uffff').isEmpty();
  }

  /** Creates {@code dir} and its missing parents. */
  public void mkdirs(String dir) {
    while (dir != null && dir.length() > 1 && dirs.add(dir)) {
      dir = parent(dir);
    }
  }

  /** The folder of {@code path} ("/" at the top). */
  public static String parent(String path) {
    int i = path.lastIndexOf('/');
    return i <= 0 ? "/" : path.substring(0, i);
  }
}
