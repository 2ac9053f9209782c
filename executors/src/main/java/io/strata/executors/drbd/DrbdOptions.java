package io.strata.executors.drbd;

import java.util.Set;

/**
 * Which section of a .res file an option belongs to. A DrbdConfig option key is either plain
 * ({@code quorum}, {@code verify-alg}, {@code al-extents}: routed by the lists below, unknown keys
 * go to {@code net}) or explicit ({@code options.x}, {@code net.x}, {@code disk.x}). The canonical
 * key is the plain one whenever plain routing gives the same section.
 */
public final class DrbdOptions {
  public static final String OPTIONS = "options";
  public static final String NET = "net";
  public static final String DISK = "disk";

  /** drbdsetup resource-options (drbd-utils 9.22). */
  static final Set<String> RESOURCE =
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
  static final Set<String> DISK_KEYS =
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

  /** Keys Strata writes itself and that an option may not override. */
  static final Set<String> RESERVED = Set.of("protocol", "cram-hmac-alg", "shared-secret");

  private DrbdOptions() {}

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

  /** The same options with canonical keys (what {@link ResFile#parse} returns). */
  public static java.util.SortedMap<String, String> canonicalize(java.util.Map<String, String> o) {
    java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
    o.forEach((k, v) -> out.put(canonical(section(k), name(k)), v));
    return out;
  }
}
