package io.strata.planner.observed;

/** A ZFS pool: size and free bytes as {@code zpool list -Hp} / {@code zfs list -Hp} report them. */
public record Zpool(String name, long size, long free) {}
