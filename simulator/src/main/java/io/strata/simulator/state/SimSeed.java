package io.strata.simulator.state;

import io.strata.schema.model.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a simulated node has when it is first seen: the {@code simulation.nodes} entry of {@code
 * strata.yaml} (ARCHITECTURE.md §12). Sizes in bytes.
 *
 * @param volumeGroups VG name to size (one fake PV {@code /dev/sim/<vg>-pv0} each)
 * @param thinPools {@code vg/pool} to pool size (allocated from that VG)
 * @param zpools pool name to size; a name with a {@code /} ({@code tank/strata}) is a filesystem
 *     dataset in that pool, created with its parents, and its value the pool's size
 * @param drbdKernel the kernel module's DRBD version; null for DRBD 9, e.g. {@code 8.4.11} for a
 *     distribution kernel's in-tree module (its {@code /proc/drbd}; drbdsetup then lacks --json)
 */
public record SimSeed(
    Map<String, Long> volumeGroups,
    Map<String, Long> thinPools,
    Map<String, Long> zpools,
    String drbdKernel) {
  private static final long GIB = 1L << 30;

  /** A node whose kernel has DRBD 9. */
  public SimSeed(
      Map<String, Long> volumeGroups, Map<String, Long> thinPools, Map<String, Long> zpools) {
    this(volumeGroups, thinPools, zpools, null);
  }

  public SimSeed {
    volumeGroups = Map.copyOf(volumeGroups);
    thinPools = Map.copyOf(thinPools);
    zpools = Map.copyOf(zpools);
    Map<String, Long> roots = new TreeMap<>();
    for (Map.Entry<String, Long> e : zpools.entrySet()) {
      String root = e.getKey().split("/", 2)[0];
      Long was = roots.put(root, e.getValue());
      if (root.isEmpty() || e.getKey().endsWith("/") || e.getKey().contains("//")) {
        throw new IllegalArgumentException(
            "zpool '" + e.getKey() + "' must be a pool name or <pool>/<dataset>");
      }
      if (was != null && !was.equals(e.getValue())) {
        throw new IllegalArgumentException(
            "zpools '"
                + e.getKey()
                + "' and its pool '"
                + root
                + "' (or another dataset in it) give different pool sizes");
      }
    }
    for (String key : thinPools.keySet()) {
      String[] vgPool = key.split("/", -1);
      if (vgPool.length != 2 || !volumeGroups.containsKey(vgPool[0])) {
        throw new IllegalArgumentException(
            "thin pool '" + key + "' must be named <vg>/<pool> with <vg> one of " + volumeGroups);
      }
    }
  }

  /** vg0 100 GiB with thin pool vg0/thin 80 GiB, zpool tank 200 GiB. */
  public static SimSeed standard() {
    return new SimSeed(
        Map.of("vg0", 100 * GIB), Map.of("vg0/thin", 80 * GIB), Map.of("tank", 200 * GIB));
  }

  /**
   * A seed from {@code strata.yaml}'s {@code simulation.nodes.<node>} maps, sizes as text
   * ("100GiB", "80 GiB", bytes); throws IllegalArgumentException naming the bad entry.
   */
  public static SimSeed parse(
      Map<String, String> volumeGroups, Map<String, String> thinPools, Map<String, String> zpools) {
    return new SimSeed(
        sizes("volumeGroups", volumeGroups),
        sizes("thinPools", thinPools),
        sizes("zpools", zpools));
  }

  private static Map<String, Long> sizes(String what, Map<String, String> in) {
    Map<String, Long> out = new TreeMap<>();
    if (in == null) {
      return out;
    }
    for (Map.Entry<String, String> e : in.entrySet()) {
      try {
        out.put(e.getKey(), Size.parse(e.getValue()).bytes());
      } catch (RuntimeException ex) {
        throw new IllegalArgumentException(
            "simulation seed " + what + "." + e.getKey() + ": " + ex.getMessage(), ex);
      }
    }
    return out;
  }

  /** What changed from this seed to {@code now}, e.g. "volumeGroups.vg0 100 GiB -> 200 GiB". */
  public String difference(SimSeed now) {
    List<String> out = new ArrayList<>();
    diff("volumeGroups", volumeGroups, now.volumeGroups, out);
    diff("thinPools", thinPools, now.thinPools, out);
    diff("zpools", zpools, now.zpools, out);
    return String.join(", ", out);
  }

  private static void diff(
      String what, Map<String, Long> was, Map<String, Long> now, List<String> out) {
    Set<String> keys = new TreeSet<>(was.keySet());
    keys.addAll(now.keySet());
    for (String k : keys) {
      Long a = was.get(k);
      Long b = now.get(k);
      if (!java.util.Objects.equals(a, b)) {
        out.add(what + "." + k + " " + human(a) + " -> " + human(b));
      }
    }
  }

  private static String human(Long bytes) {
    return bytes == null ? "(none)" : Size.ofBytes(bytes).format();
  }

  /** The same seed for every node named. */
  public static Map<String, SimSeed> standardFor(String... nodes) {
    Map<String, SimSeed> m = new TreeMap<>();
    for (String n : nodes) {
      m.put(n, standard());
    }
    return m;
  }
}
