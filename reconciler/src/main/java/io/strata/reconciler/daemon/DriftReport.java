package io.strata.reconciler.daemon;

import io.strata.reconciler.drift.DriftItem;
import io.strata.reconciler.metrics.ClusterGauges;
import java.util.List;

/**
 * What differs between Git and the cluster, as the daemon reports it (status, alerts, metrics).
 * Empty means in sync. Each object's {@link DriftItem#key()} identifies its alert. {@code gauges}:
 * pool capacity and replica states seen by the same observation (metrics, capacity alert).
 */
public record DriftReport(List<DriftItem> objects, ClusterGauges gauges) {
  public DriftReport {
    objects = List.copyOf(objects);
    gauges = gauges == null ? ClusterGauges.NONE : gauges;
  }

  /** A report without capacity or replica gauges. */
  public DriftReport(List<DriftItem> objects) {
    this(objects, ClusterGauges.NONE);
  }

  public static DriftReport none() {
    return new DriftReport(List.of());
  }
}
