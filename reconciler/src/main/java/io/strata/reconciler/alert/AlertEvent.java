package io.strata.reconciler.alert;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One notification: an alert for {@code key} started firing or resolved. {@code labels} identify it
 * (always with {@code alertname} and {@code key}); {@code endsAt} is set when resolved.
 */
public record AlertEvent(
    String key,
    State state,
    Map<String, String> labels,
    String summary,
    String description,
    Instant startsAt,
    Instant endsAt) {

  /** Firing or resolved, rendered lower-case as Alertmanager does. */
  public enum State {
    FIRING,
    RESOLVED;

    public String label() {
      return this == FIRING ? "firing" : "resolved";
    }
  }

  public AlertEvent {
    labels = new TreeMap<>(labels);
  }

  @Override
  public Map<String, String> labels() {
    return Collections.unmodifiableMap(labels);
  }
}
