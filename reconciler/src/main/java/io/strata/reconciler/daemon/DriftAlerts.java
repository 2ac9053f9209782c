package io.strata.reconciler.daemon;

import io.strata.reconciler.alert.AlertDispatcher;
import io.strata.reconciler.alert.AlertEvent;
import io.strata.reconciler.alert.Finding;
import io.strata.reconciler.alert.TransitionTracker;
import io.strata.reconciler.drift.DriftClass;
import io.strata.reconciler.drift.DriftItem;
import io.strata.reconciler.metrics.StrataMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Feeds drift reports to the transition tracker, the alert sinks and the drift gauge. */
public final class DriftAlerts {
  private final TransitionTracker tracker = new TransitionTracker("StrataDrift");
  private final AlertDispatcher dispatcher;
  private final StrataMetrics metrics;

  DriftAlerts(AlertDispatcher dispatcher, StrataMetrics metrics) {
    this.dispatcher = dispatcher;
    this.metrics = metrics;
  }

  /** Publishes the transitions caused by {@code report} and returns them. Never blocks. */
  List<AlertEvent> report(DriftReport report, Instant now) {
    metrics.drifted(counts(report));
    List<Finding> findings = findings(report);
    List<AlertEvent> events = tracker.update(findings, now);
    dispatcher.publish(events);
    return events;
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
