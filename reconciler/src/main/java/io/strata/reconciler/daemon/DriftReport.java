package io.strata.reconciler.daemon;

import io.strata.reconciler.drift.DriftItem;
import java.util.List;

/**
 * What differs between Git and the cluster, as the daemon reports it (status, alerts, metrics).
 * Empty means in sync. Each object's {@link DriftItem#key()} identifies its alert.
 */
public record DriftReport(List<DriftItem> objects) {
  public DriftReport {
    objects = List.copyOf(objects);
  }

  public static DriftReport none() {
    return new DriftReport(List.of());
  }
}
