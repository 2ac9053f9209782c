package io.strata.reconciler.daemon;

import io.strata.reconciler.alert.AlertDispatcher;
import io.strata.reconciler.alert.AlertEvent;
import io.strata.reconciler.alert.Finding;
import io.strata.reconciler.alert.TransitionTracker;
import io.strata.reconciler.metrics.StrataMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Feeds drift reports to the transition tracker, the alert sinks and the drift gauge. */
final class DriftAlerts {
  private final TransitionTracker tracker = new TransitionTracker("StrataDrift");
  private final AlertDispatcher dispatcher;
  private final StrataMetrics metrics;

  DriftAlerts(AlertDispatcher dispatcher, StrataMetrics metrics) {
    this.dispatcher = dispatcher;
    this.metrics = metrics;
  }

  /** Publishes the transitions caused by {@code report} and returns them. Never blocks. */
  List<AlertEvent> report(DriftReport report, Instant now) {
    metrics.drifted(report.objects().size());
    List<Finding> findings = new ArrayList<>();
    for (DriftReport.DriftedObject d : report.objects()) {
      Map<String, String> labels = new TreeMap<>();
      if (d.volume() != null) {
        labels.put("volume", d.volume());
      }
      if (d.node() != null) {
        labels.put("node", d.node());
      }
      labels.put("kind", d.kind().name().toLowerCase(Locale.ROOT));
      labels.put("severity", "warning");
      findings.add(new Finding(d.key(), labels, d.key() + ": " + d.reason()));
    }
    List<AlertEvent> events = tracker.update(findings, now);
    dispatcher.publish(events);
    return events;
  }
}
