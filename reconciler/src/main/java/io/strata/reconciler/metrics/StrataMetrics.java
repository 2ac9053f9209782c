package io.strata.reconciler.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import io.strata.reconciler.drift.DriftClass;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The daemon's metrics, in a registry of its own (several daemons in one JVM — tests — do not
 * collide). Names are part of the operator contract: {@code strata_cycles_total{result}}, {@code
 * strata_cycle_duration_seconds}, {@code strata_changes_applied_total{action}}, {@code
 * strata_drifted_objects{class}}, {@code strata_heals_total{class}}, {@code
 * strata_failures_total{stage}}, {@code strata_last_successful_sync_timestamp_seconds}, plus alert
 * delivery counters. Capacity and replication (decision 013) are named after LINSTOR's exporter so
 * that its dashboards translate by swapping the prefix: {@code
 * strata_storage_pool_capacity_free_bytes} and {@code …_total_bytes} with labels {@code node,
 * storage_pool, driver, backing_pool}, plus {@code …_provisioned_bytes}, {@code
 * strata_storage_pool_overcommit_ratio} (thin pools) and {@code strata_storage_pool_used_ratio};
 * {@code strata_resource_state{name,node}} (-1 unknown, 0 secondary, 1 primary, as LINSTOR) and
 * {@code strata_volume_state{resource,node,volume,disk_state}} = 1 per replica, its DRBD disk state
 * as a label. The JVM's memory ({@link JvmGauges}) comes with every scrape.
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
  private final Labels constLabels;
  private final Counter cycles;
  private final Histogram duration;
  private final Histogram stageDuration;
  private final Counter changes;
  private final Gauge drifted;
  private final Counter heals;
  private final Counter failures;
  private final Counter snapshotsMissed;
  private final Gauge lastSync;
  private final Counter alertsDelivered;
  private final Counter alertFailures;
  private final Counter alertsDropped;
  private final Gauge instanceActive;
  private final Gauge poolFree;
  private final Gauge poolTotal;
  private final Gauge poolProvisioned;
  private final Gauge poolOvercommit;
  private final Gauge poolUsed;
  private final Gauge resourceState;
  private final Gauge volumeState;
  private final Gauge copyProgress;
  private final Set<List<String>> poolSeries = new HashSet<>();
  private final Set<List<String>> thinSeries = new HashSet<>();
  private final Set<List<String>> resourceSeries = new HashSet<>();
  private final Set<List<String>> volumeSeries = new HashSet<>();
  private ClusterGauges lastCluster;

  public StrataMetrics() {
    this(null);
  }

  /**
   * Metrics of one repository of a multi-repository deployment: every series carries {@code
   * repository="<name>"} ({@code null}: no such label, the single-repository form).
   */
  public StrataMetrics(String repository) {
    constLabels = repository == null ? Labels.EMPTY : Labels.of("repository", repository);
    cycles =
        counter()
            .name("strata_cycles_total")
            .help("Reconcile cycles by result")
            .labelNames("result")
            .register(registry);
    duration =
        histogram()
            .name("strata_cycle_duration_seconds")
            .help("Duration of reconcile cycles")
            .unit(Unit.SECONDS)
            .classicOnly()
            .classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900)
            .register(registry);
    stageDuration =
        histogram()
            .name("strata_cycle_stage_duration_seconds")
            .help("Time each reconcile cycle spent per stage (observe twice when it applied)")
            .unit(Unit.SECONDS)
            .labelNames("stage")
            .classicOnly()
            .classicUpperBounds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300)
            .register(registry);
    changes =
        counter()
            .name("strata_changes_applied_total")
            .help("Plan changes applied successfully, by action")
            .labelNames("action")
            .register(registry);
    drifted =
        gauge()
            .name("strata_drifted_objects")
            .help("Objects that differ from Git at the last drift check, by drift class")
            .labelNames("class")
            .register(registry);
    heals =
        counter()
            .name("strata_heals_total")
            .help("Drifted objects a reconcile cycle healed, by drift class")
            .labelNames("class")
            .register(registry);
    snapshotsMissed =
        counter()
            .name("strata_snapshot_schedule_missed_total")
            .help(
                "Scheduled snapshots missed (daemon not running at fire time, or the snapshot"
                    + " failed), by volume; each is caught up with one snapshot")
            .labelNames("volume")
            .register(registry);
    failures =
        counter()
            .name("strata_failures_total")
            .help("Failures by stage of the cycle")
            .labelNames("stage")
            .register(registry);
    lastSync =
        gauge()
            .name("strata_last_successful_sync_timestamp_seconds")
            .help("Unix time of the last cycle that converged without failure")
            .register(registry);
    alertsDelivered =
        counter()
            .name("strata_alerts_delivered_total")
            .help("Alert notifications delivered, by sink")
            .labelNames("sink")
            .register(registry);
    alertFailures =
        counter()
            .name("strata_alert_delivery_failures_total")
            .help("Alert notifications given up after retries, by sink")
            .labelNames("sink")
            .register(registry);
    alertsDropped =
        counter()
            .name("strata_alerts_dropped_total")
            .help("Alert notifications dropped because the delivery queue was full")
            .register(registry);
    instanceActive =
        gauge()
            .name("strata_instance_active")
            .help("1 while this instance runs the repository's cycles, 0 while it is a standby")
            .register(registry);
    instanceActive.set(1); // without ha: the only instance
    String[] pool = {"node", "storage_pool", "driver", "backing_pool"};
    poolFree =
        gauge()
            .name("strata_storage_pool_capacity_free_bytes")
            .help("Free bytes of the storage pool's VG, thin pool or zpool (LINSTOR's name)")
            .labelNames(pool)
            .register(registry);
    poolTotal =
        gauge()
            .name("strata_storage_pool_capacity_total_bytes")
            .help("Size in bytes of the storage pool's VG, thin pool or zpool (LINSTOR's name)")
            .labelNames(pool)
            .register(registry);
    poolProvisioned =
        gauge()
            .name("strata_storage_pool_capacity_provisioned_bytes")
            .help("Bytes given to volumes in the pool (virtual sizes for thin pools)")
            .labelNames(pool)
            .register(registry);
    poolOvercommit =
        gauge()
            .name("strata_storage_pool_overcommit_ratio")
            .help("Thin pools: provisioned bytes / physical bytes (limit: the pool's overcommit)")
            .labelNames(pool)
            .register(registry);
    poolUsed =
        gauge()
            .name("strata_storage_pool_used_ratio")
            .help(
                "Share of the pool in use, 0-1 (thin: the larger of written and provisioned of"
                    + " the overcommit limit); alerts.capacityThreshold compares this")
            .labelNames(pool)
            .register(registry);
    resourceState =
        gauge()
            .name("strata_resource_state")
            .help("DRBD role per replica: -1 unknown, 0 secondary, 1 primary (LINSTOR's coding)")
            .labelNames("name", "node")
            .register(registry);
    volumeState =
        gauge()
            .name("strata_volume_state")
            .help("1 per DRBD replica, its disk state (UpToDate, Inconsistent, …) as a label")
            .labelNames("resource", "node", "volume", "disk_state")
            .register(registry);
    copyProgress =
        gauge()
            .name("strata_copy_progress_bytes")
            .help("Bytes a running block copy (dd) has copied; the series ends with its change")
            .labelNames("volume", "node")
            .register(registry);
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

  // Every metric carries the repository's label and no exemplars: Strata has no tracer to fill
  // them, and an empty sampler per series was 6 MB of a 10,000-volume daemon's heap.
  private Counter.Builder counter() {
    return Counter.builder().withoutExemplars().constLabels(constLabels);
  }

  private Gauge.Builder gauge() {
    return Gauge.builder().withoutExemplars().constLabels(constLabels);
  }

  private Histogram.Builder histogram() {
    return Histogram.builder().withoutExemplars().constLabels(constLabels);
  }

  public void cycle(CycleResult result, double seconds) {
    cycles.labelValues(result.label()).inc();
    duration.observe(seconds);
  }

  /** Time one cycle spent in {@code stage}. */
  public void stage(Stage stage, Duration spent) {
    stageDuration.labelValues(stage.label()).observe(spent.toNanos() / 1e9);
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

  /** A volume's snapshot schedule missed {@code fires} fire(s) (decision 028). */
  public void snapshotsMissed(String volume, int fires) {
    snapshotsMissed.labelValues(volume).inc(fires);
  }

  public double snapshotsMissed(String volume) {
    return snapshotsMissed.labelValues(volume).get();
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

  /**
   * Sets the capacity and replication gauges from one observation; series of pools and replicas
   * that are gone are removed. A pool on an unobserved node keeps no series: unknown, not zero.
   */
  public synchronized void cluster(ClusterGauges g) {
    // the gauges hold g's values already: at 10,000 volumes, setting 40,000 series again was an
    // eighth of a no-op cycle's CPU
    if (g.equals(lastCluster)) {
      return;
    }
    lastCluster = g;
    Set<List<String>> pools = new HashSet<>();
    Set<List<String>> thin = new HashSet<>();
    for (ClusterGauges.Pool p : g.pools()) {
      if (!p.observed()) {
        continue;
      }
      List<String> l = List.of(p.node(), p.pool(), p.driver(), p.backing());
      String[] v = l.toArray(String[]::new);
      pools.add(l);
      poolFree.labelValues(v).set(p.free());
      poolTotal.labelValues(v).set(p.total());
      poolProvisioned.labelValues(v).set(p.provisioned());
      poolUsed.labelValues(v).set(p.used());
      if (p.overcommitLimit() != null) {
        thin.add(l);
        poolOvercommit.labelValues(v).set(p.ratio());
      }
    }
    Set<List<String>> resources = new HashSet<>();
    Set<List<String>> volumes = new HashSet<>();
    for (ClusterGauges.Replica r : g.replicas()) {
      List<String> rl = List.of(r.resource(), r.node());
      resources.add(rl);
      resourceState
          .labelValues(rl.toArray(String[]::new))
          .set("Primary".equals(r.role()) ? 1 : "Secondary".equals(r.role()) ? 0 : -1);
      List<String> vl = List.of(r.resource(), r.node(), "0", r.diskState());
      volumes.add(vl);
      volumeState.labelValues(vl.toArray(String[]::new)).set(1);
    }
    prune(poolSeries, pools, poolFree, poolTotal, poolProvisioned, poolUsed);
    prune(thinSeries, thin, poolOvercommit);
    prune(resourceSeries, resources, resourceState);
    prune(volumeSeries, volumes, volumeState);
  }

  private static void prune(Set<List<String>> was, Set<List<String>> now, Gauge... gauges) {
    for (List<String> l : was) {
      if (!now.contains(l)) {
        for (Gauge gauge : gauges) {
          gauge.remove(l.toArray(String[]::new));
        }
      }
    }
    was.clear();
    was.addAll(now);
  }

  /** A running block copy of {@code volume} on {@code node} has copied {@code bytes}. */
  public void copyProgress(String volume, String node, long bytes) {
    copyProgress.labelValues(volume, node).set(bytes);
  }

  /** The copy's change ended: its series goes (a finished copy is no progress to show). */
  public void copyEnded(String volume, String node) {
    copyProgress.remove(volume, node);
  }

  /** Value of {@code strata_storage_pool_capacity_free_bytes} (tests). */
  public double poolFree(String node, String pool, String driver, String backing) {
    return poolFree.labelValues(node, pool, driver, backing).get();
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
      List<MetricSnapshot> all = new java.util.ArrayList<>();
      registry.scrape().forEach(all::add);
      all.addAll(JvmGauges.snapshots());
      PrometheusTextFormatWriter.create().write(out, new MetricSnapshots(all));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * One exposition of several repositories' metrics (each labelled with its repository): series of
   * one name are merged under one HELP/TYPE, as Prometheus requires. Instance-wide series ({@code
   * strata_instance_active}, without a repository label) are per repository here too.
   */
  public static byte[] scrape(List<StrataMetrics> all) {
    Map<String, List<MetricSnapshot>> byName = new java.util.LinkedHashMap<>();
    for (StrataMetrics m : all) {
      for (MetricSnapshot s : m.registry.scrape()) {
        byName
            .computeIfAbsent(s.getMetadata().getPrometheusName(), k -> new java.util.ArrayList<>())
            .add(s);
      }
    }
    List<MetricSnapshot> merged = new java.util.ArrayList<>();
    for (List<MetricSnapshot> same : byName.values()) {
      merged.add(merge(same));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      merged.addAll(JvmGauges.snapshots());
      PrometheusTextFormatWriter.create().write(out, new MetricSnapshots(merged));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static MetricSnapshot merge(List<MetricSnapshot> same) {
    MetricSnapshot first = same.get(0);
    if (same.size() == 1) {
      return first;
    }
    if (first instanceof CounterSnapshot) {
      List<CounterSnapshot.CounterDataPointSnapshot> points = new java.util.ArrayList<>();
      same.forEach(s -> points.addAll(((CounterSnapshot) s).getDataPoints()));
      return new CounterSnapshot(first.getMetadata(), points);
    }
    if (first instanceof GaugeSnapshot) {
      List<GaugeSnapshot.GaugeDataPointSnapshot> points = new java.util.ArrayList<>();
      same.forEach(s -> points.addAll(((GaugeSnapshot) s).getDataPoints()));
      return new GaugeSnapshot(first.getMetadata(), points);
    }
    if (first instanceof HistogramSnapshot h) {
      List<HistogramSnapshot.HistogramDataPointSnapshot> points = new java.util.ArrayList<>();
      same.forEach(s -> points.addAll(((HistogramSnapshot) s).getDataPoints()));
      return new HistogramSnapshot(h.isGaugeHistogram(), first.getMetadata(), points);
    }
    throw new IllegalStateException("cannot merge metric type " + first.getClass());
  }

  public static String contentType() {
    return PrometheusTextFormatWriter.CONTENT_TYPE;
  }
}
