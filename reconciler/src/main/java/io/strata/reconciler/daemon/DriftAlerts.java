package io.strata.reconciler.daemon;

import io.strata.reconciler.alert.AlertDispatcher;
import io.strata.reconciler.alert.AlertEvent;
import io.strata.reconciler.alert.Finding;
import io.strata.reconciler.alert.TransitionTracker;
import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.drift.DriftClass;
import io.strata.reconciler.drift.DriftItem;
import io.strata.reconciler.metrics.ClusterGauges;
import io.strata.reconciler.metrics.StrataMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Feeds drift reports to the transition trackers, the alert sinks and the gauges: drift ({@code
 * StrataDrift}), and pools past {@code alerts.capacityThreshold} ({@code StrataPoolCapacity},
 * decision 013).
 */
public final class DriftAlerts {
  private final TransitionTracker tracker = new TransitionTracker("StrataDrift");
  private final TransitionTracker capacity = new TransitionTracker("StrataPoolCapacity");
  private final TransitionTracker schedules = new TransitionTracker("StrataSnapshotScheduleMissed");
  private final AlertDispatcher dispatcher;
  private final StrataMetrics metrics;
  private final double capacityThreshold;

  DriftAlerts(AlertDispatcher dispatcher, StrataMetrics metrics) {
    this(dispatcher, metrics, StrataConfig.DEFAULT_CAPACITY_THRESHOLD);
  }

  DriftAlerts(AlertDispatcher dispatcher, StrataMetrics metrics, double capacityThreshold) {
    this.dispatcher = dispatcher;
    this.metrics = metrics;
    this.capacityThreshold = capacityThreshold;
  }

  /** Publishes the transitions caused by {@code report} and returns them. Never blocks. */
  List<AlertEvent> report(DriftReport report, Instant now) {
    metrics.drifted(counts(report));
    metrics.cluster(report.gauges());
    List<Finding> findings = findings(report);
    List<AlertEvent> events = new ArrayList<>(tracker.update(findings, now));
    events.addAll(
        capacity.update(
            capacityFindings(report.gauges(), capacityThreshold, capacity.firingKeys()), now));
    dispatcher.publish(events);
    return events;
  }

  /**
   * Snapshot schedules that missed fires (decision 028): firing when found, resolved once a cycle
   * finds the schedule on time again (after its catch-up snapshot). Each firing counts the missed
   * fires once in {@code strata_snapshot_schedule_missed_total}.
   */
  List<AlertEvent> reportMissed(
      Map<String, io.strata.reconciler.schedule.SnapshotClock.Missed> missed, Instant now) {
    List<Finding> findings = new ArrayList<>();
    missed.forEach(
        (volume, m) ->
            findings.add(
                new Finding(
                    "schedule/" + volume,
                    Map.of("volume", volume, "class", "schedule", "severity", "warning"),
                    "volume " + volume + ": " + m.message())));
    List<AlertEvent> events = schedules.update(findings, now);
    for (AlertEvent e : events) {
      String volume = e.labels().get("volume");
      if (e.state() == AlertEvent.State.FIRING && missed.containsKey(volume)) {
        metrics.snapshotsMissed(volume, missed.get(volume).fires());
      }
    }
    dispatcher.publish(events);
    return events;
  }

  /**
   * One finding per pool at or above {@code threshold}; a pool on a node that was not observed
   * keeps its alert as it was (unknown is not "below the threshold").
   */
  static List<Finding> capacityFindings(
      ClusterGauges gauges, double threshold, List<String> firing) {
    List<Finding> out = new ArrayList<>();
    for (ClusterGauges.Pool p : gauges.pools()) {
      String key = "capacity/" + p.node() + "/" + p.pool();
      boolean over = p.observed() ? p.used() >= threshold : firing.contains(key);
      if (!over) {
        continue;
      }
      Map<String, String> labels = new TreeMap<>();
      labels.put("node", p.node());
      labels.put("storage_pool", p.pool());
      labels.put("class", "capacity");
      labels.put("severity", "warning");
      String thin =
          p.overcommitLimit() == null
              ? ""
              : String.format(
                  Locale.ROOT,
                  ", thin: %.2f of %.2f overcommit provisioned",
                  p.ratio(),
                  p.overcommitLimit());
      out.add(
          new Finding(
              key,
              labels,
              String.format(
                  Locale.ROOT,
                  "pool %s on %s is %.0f%% full (threshold %.0f%%%s)",
                  p.pool(),
                  p.node(),
                  p.used() * 100,
                  threshold * 100,
                  thin)));
    }
    return out;
  }

  /** One alert finding per drifted object: its stable key, labels and summary. */
  public static List<Finding> findings(DriftReport report) {
    List<Finding> findings = new ArrayList<>();
    for (DriftItem d : report.objects()) {
      Map<String, String> labels = new TreeMap<>();
      if (d.volume() != null) {
        labels.put("volume", d.volume());
      }
      if (d.node() != null) {
        labels.put("node", d.node());
      }
      labels.put("layer", d.layer());
      labels.put("class", d.driftClass().label());
      labels.put("severity", "warning");
      findings.add(new Finding(d.key(), labels, d.toString()));
    }
    return findings;
  }

  /** Objects per class, every class present (a gauge that drops to 0 must be set to 0). */
  static Map<DriftClass, Integer> counts(DriftReport report) {
    Map<DriftClass, Integer> n = new EnumMap<>(DriftClass.class);
    for (DriftClass c : DriftClass.values()) {
      n.put(c, 0);
    }
    report.objects().forEach(d -> n.merge(d.driftClass(), 1, Integer::sum));
    return n;
  }
}
