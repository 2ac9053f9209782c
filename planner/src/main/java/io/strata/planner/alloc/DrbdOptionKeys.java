package io.strata.planner.alloc;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The one rule for DRBD option keys, shared by the planner (desired config) and the executors (.res
 * file sections, and keys parsed back): a key is either plain ({@code quorum}, {@code verify-alg},
 * {@code al-extents}: routed by the lists below, unknown keys go to {@code net}) or explicit
 * ({@code options.x}, {@code net.x}, {@code disk.x}). The canonical key is the plain one whenever
 * plain routing gives the same section, so {@code disk.al-extents} and {@code al-extents} are the
 * same option and desired equals observed after an apply.
 */
public final class DrbdOptionKeys {
  public static final String OPTIONS = "options";
  public static final String NET = "net";
  public static final String DISK = "disk";

  /** drbdsetup resource-options (drbd-utils 9.22). */
  public static final Set<String> RESOURCE =
      Set.of(
          "auto-promote",
          "auto-promote-timeout",
          "cpu-mask",
          "max-io-depth",
          "on-no-data-accessible",
          "on-no-quorum",
          "on-suspended-primary-outdated",
          "peer-ack-delay",
          "peer-ack-window",
          "quorum",
          "quorum-minimum-redundancy",
          "twopc-retry-timeout",
          "twopc-timeout");

  /** drbdsetup disk-options. */
  public static final Set<String> DISK_KEYS =
      Set.of(
          "al-extents",
          "al-updates",
          "c-delay-target",
          "c-fill-target",
          "c-max-rate",
          "c-min-rate",
          "c-plan-ahead",
          "disable-write-same",
          "discard-zeroes-if-aligned",
          "disk-barrier",
          "disk-drain",
          "disk-flushes",
          "disk-timeout",
          "md-flushes",
          "on-io-error",
          "read-balancing",
          "resync-after",
          "resync-rate",
          "rs-discard-granularity");

  private DrbdOptionKeys() {}

  /** The section a key goes to. */
  public static String section(String key) {
    int dot = key.indexOf('.');
    if (dot > 0) {
      String s = key.substring(0, dot);
      if (s.equals(OPTIONS) || s.equals(NET) || s.equals(DISK)) {
        return s;
      }
    }
    if (RESOURCE.contains(key)) {
      return OPTIONS;
    }
    return DISK_KEYS.contains(key) ? DISK : NET;
  }

  /** The option name without a section prefix. */
  public static String name(String key) {
    String s = section(key);
    return key.startsWith(s + ".") ? key.substring(s.length() + 1) : key;
  }

  /** The canonical key of option {@code name} found in {@code section}. */
  public static String canonical(String section, String name) {
    return section(name).equals(section) ? name : section + "." + name;
  }

  /** The canonical key of {@code key} ({@code disk.al-extents} → {@code al-extents}). */
  public static String canonical(String key) {
    return canonical(section(key), name(key));
  }

  /**
   * The same options with canonical keys. Two spellings of one option ({@code al-extents} and
   * {@code disk.al-extents}) collapse to one key; the value of the key that sorts last wins, so the
   * result does not depend on map order.
   */
  public static SortedMap<String, String> canonicalize(Map<String, String> o) {
    SortedMap<String, String> out = new TreeMap<>();
    new TreeMap<>(o).forEach((k, v) -> out.put(canonical(k), v));
    return out;
  }
}
