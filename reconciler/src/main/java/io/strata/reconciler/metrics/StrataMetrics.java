package io.strata.reconciler.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import io.strata.reconciler.drift.DriftClass;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The daemon's metrics, in a registry of its own (several daemons in one JVM — tests — do not
 * collide). Names are part of the operator contract: {@code strata_cycles_total{result}}, {@code
 * strata_cycle_duration_seconds}, {@code strata_changes_applied_total{action}}, {@code
 * strata_drifted_objects{class}}, {@code strata_heals_total{class}}, {@code
 * strata_failures_total{stage}}, {@code strata_last_successful_sync_timestamp_seconds}, plus alert
 * delivery counters.
 */
public final class StrataMetrics {
  /** Outcome label of {@code strata_cycles_total}. */
  public enum CycleResult {
    SUCCESS,
    NO_CHANGE,
    PLAN_ONLY,
    INVALID,
    FAILED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Stage label of {@code strata_failures_total}. */
  public enum Stage {
    FETCH,
    VERIFY,
    VALIDATE,
    OBSERVE,
    PLAN,
    GUARD,
    APPLY,
    STATUS,
    DRIFT,
    ALERT;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter cycles;
  private final Histogram duration;
  private final Counter changes;
  private final Gauge drifted;
  private final Counter heals;
  private final Counter failures;
  private final Gauge lastSync;
  private final Counter alertsDelivered;
  private final Counter alertFailures;
  private final Counter alertsDropped;
  private final Gauge instanceActive;

  public StrataMetrics() {
    cycles =
        Counter.builder()
            .name("strata_cycles_total")
            .help("Reconcile cycles by result")
            .labelNames("result")
            .register(registry);
    duration =
        Histogram.builder()
            .name("strata_cycle_duration_seconds")
            .help("Duration of reconcile cycles")
            .unit(Unit.SECONDS)
            .classicOnly()
            .classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900)
            .register(registry);
    changes =
        Counter.builder()
            .name("strata_changes_applied_total")
            .help("Plan changes applied successfully, by action")
            .labelNames("action")
            .register(registry);
    drifted =
        Gauge.builder()
            .name("strata_drifted_objects")
            .help("Objects that differ from Git at the last drift check, by drift class")
            .labelNames("class")
            .register(registry);
    heals =
        Counter.builder()
            .name("strata_heals_total")
            .help("Drifted objects a reconcile cycle healed, by drift class")
            .labelNames("class")
            .register(registry);
    failures =
        Counter.builder()
            .name("strata_failures_total")
            .help("Failures by stage of the cycle")
            .labelNames("stage")
            .register(registry);
    lastSync =
        Gauge.builder()
            .name("strata_last_successful_sync_timestamp_seconds")
            .help("Unix time of the last cycle that converged without failure")
            .register(registry);
    alertsDelivered =
        Counter.builder()
            .name("strata_alerts_delivered_total")
            .help("Alert notifications delivered, by sink")
            .labelNames("sink")
            .register(registry);
    alertFailures =
        Counter.builder()
            .name("strata_alert_delivery_failures_total")
            .help("Alert notifications given up after retries, by sink")
            .labelNames("sink")
            .register(registry);
    alertsDropped =
        Counter.builder()
            .name("strata_alerts_dropped_total")
            .help("Alert notifications dropped because the delivery queue was full")
            .register(registry);
    instanceActive =
        Gauge.builder()
            .name("strata_instance_active")
            .help("1 while this instance runs the repository's cycles, 0 while it is a standby")
            .register(registry);
    instanceActive.set(1); // without ha: the only instance
    for (CycleResult r : CycleResult.values()) {
      cycles.labelValues(r.label());
    }
    for (Stage s : Stage.values()) {
      failures.labelValues(s.label());
    }
    for (DriftClass c : DriftClass.values()) {
      drifted.labelValues(c.label());
      heals.labelValues(c.label());
    }
  }

  public void cycle(CycleResult result, double seconds) {
    cycles.labelValues(result.label()).inc();
    duration.observe(seconds);
  }

  public void changeApplied(String action) {
    changes.labelValues(action).inc();
  }

  /** Sets {@code strata_drifted_objects{class}}; {@code byClass} holds every class, 0 included. */
  public void drifted(Map<DriftClass, Integer> byClass) {
    byClass.forEach((c, n) -> drifted.labelValues(c.label()).set(n));
  }

  public void healed(DriftClass c) {
    heals.labelValues(c.label()).inc();
  }

  public double heals(DriftClass c) {
    return heals.labelValues(c.label()).get();
  }

  public double drifted(DriftClass c) {
    return drifted.labelValues(c.label()).get();
  }

  public void failure(Stage stage) {
    failures.labelValues(stage.label()).inc();
  }

  /** Whether this instance is the active one (HA); 1 without HA. */
  public void instanceActive(boolean active) {
    instanceActive.set(active ? 1 : 0);
  }

  public void lastSuccessfulSync(Instant at) {
    lastSync.set(at.toEpochMilli() / 1000.0);
  }

  public void alertDelivered(String sink) {
    alertsDelivered.labelValues(sink).inc();
  }

  public void alertDeliveryFailed(String sink) {
    alertFailures.labelValues(sink).inc();
  }

  public void alertDropped() {
    alertsDropped.inc();
  }

  /** Value of {@code strata_cycles_total{result}} (for tests and /healthz). */
  public double cycles(CycleResult result) {
    return cycles.labelValues(result.label()).get();
  }

  public double failures(Stage stage) {
    return failures.labelValues(stage.label()).get();
  }

  public double alertDeliveryFailures(String sink) {
    return alertFailures.labelValues(sink).get();
  }

  /** The Prometheus text exposition (format 0.0.4). */
  public byte[] scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static String contentType() {
    return PrometheusTextFormatWriter.CONTENT_TYPE;
  }
}
