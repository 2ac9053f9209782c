package io.strata.reconciler.daemon;

import java.util.List;

/** What differs between Git and the cluster. Empty means in sync. */
public record DriftReport(List<DriftedObject> objects) {
  public DriftReport {
    objects = List.copyOf(objects);
  }

  public static DriftReport none() {
    return new DriftReport(List.of());
  }

  /** The closed set of drift kinds (ARCHITECTURE.md §10). */
  public enum Kind {
    MISSING,
    EXTRA,
    SIZE_MISMATCH,
    CONFIG_MISMATCH,
    DEGRADED_REPLICATION,
    PATH_DOWN,
    NODE_UNKNOWN
  }

  /**
   * One drifted object. {@code key} is stable across checks (it identifies the alert), e.g. {@code
   * pg-data/alpha/drbd}; {@code volume} is null for node-level drift (an unknown node).
   */
  public record DriftedObject(String key, String volume, String node, Kind kind, String reason) {}
}
