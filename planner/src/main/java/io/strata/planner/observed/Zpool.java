package io.strata.planner.observed;

/** A ZFS pool: size and free bytes as {@code zpool list -Hp} / {@code zfs list -Hp} report them. */
public record Zpool(String name, long size, long free) {
  /**
   * The zpool of a pool's name, which may be a dataset in it: {@code tank} of {@code tank/strata}.
   */
  public static String root(String zpool) {
    int slash = zpool.indexOf('/');
    return slash < 0 ? zpool : zpool.substring(0, slash);
  }
}
