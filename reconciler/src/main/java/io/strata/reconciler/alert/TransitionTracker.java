package io.strata.reconciler.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns successive sets of findings into transitions: a key that appears fires once, a key that
 * disappears resolves once, a key that stays says nothing. Not thread-safe: the daemon calls it
 * from its single worker.
 */
public final class TransitionTracker {
  private final String alertName;
  private final Map<String, AlertEvent> firing = new TreeMap<>();

  public TransitionTracker(String alertName) {
    this.alertName = alertName;
  }

  /** The events caused by the new set of findings, sorted by key (resolutions and firings). */
  public List<AlertEvent> update(List<Finding> findings, Instant now) {
    Map<String, Finding> current = new TreeMap<>();
    for (Finding f : findings) {
      current.putIfAbsent(f.key(), f);
    }
    List<AlertEvent> events = new ArrayList<>();
    for (String key : List.copyOf(firing.keySet())) {
      if (!current.containsKey(key)) {
        AlertEvent was = firing.remove(key);
        events.add(
            new AlertEvent(
                key,
                AlertEvent.State.RESOLVED,
                was.labels(),
                was.summary(),
                "resolved: " + was.description(),
                was.startsAt(),
                now));
      }
    }
    for (Finding f : current.values()) {
      if (!firing.containsKey(f.key())) {
        Map<String, String> labels = new TreeMap<>(f.labels());
        labels.put("alertname", alertName);
        labels.put("key", f.key());
        AlertEvent e =
            new AlertEvent(
                f.key(), AlertEvent.State.FIRING, labels, f.summary(), f.summary(), now, null);
        firing.put(f.key(), e);
        events.add(e);
      }
    }
    events.sort(Comparator.comparing(AlertEvent::key));
    return events;
  }

  /** Keys currently firing. */
  public List<String> firingKeys() {
    return List.copyOf(firing.keySet());
  }
}
