package io.strata.reconciler.alert;

import java.util.Map;

/**
 * Something currently wrong, as found by a drift check: a stable {@code key} (e.g. {@code
 * pg-data/alpha/drbd}), labels for routing and a human summary.
 */
public record Finding(String key, Map<String, String> labels, String summary) {
  public Finding {
    labels = Map.copyOf(labels);
  }
}
