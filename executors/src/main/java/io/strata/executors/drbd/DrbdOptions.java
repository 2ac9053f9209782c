package io.strata.executors.drbd;

import io.strata.planner.alloc.DrbdOptionKeys;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Which section of a .res file an option belongs to: the planner's {@link DrbdOptionKeys} (one
 * implementation of the key rule, so that what the planner wants is what the executors parse back),
 * plus the keys Strata writes itself.
 */
public final class DrbdOptions {
  public static final String OPTIONS = DrbdOptionKeys.OPTIONS;
  public static final String NET = DrbdOptionKeys.NET;
  public static final String DISK = DrbdOptionKeys.DISK;

  /** Keys Strata writes itself and that an option may not override. */
  static final Set<String> RESERVED = Set.of("protocol", "cram-hmac-alg", "shared-secret");

  private DrbdOptions() {}

  /** The section a key goes to. */
  public static String section(String key) {
    return DrbdOptionKeys.section(key);
  }

  /** The option name without a section prefix. */
  public static String name(String key) {
    return DrbdOptionKeys.name(key);
  }

  /** The canonical key of option {@code name} found in {@code section}. */
  public static String canonical(String section, String name) {
    return DrbdOptionKeys.canonical(section, name);
  }

  /** The same options with canonical keys (what {@link ResFile#parse} returns). */
  public static SortedMap<String, String> canonicalize(Map<String, String> o) {
    return DrbdOptionKeys.canonicalize(o);
  }
}
