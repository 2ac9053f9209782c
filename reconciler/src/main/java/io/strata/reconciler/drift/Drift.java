package io.strata.reconciler.drift;

import java.util.List;

/** Where the cluster differs from Git, object by object. Empty means in sync. */
public record Drift(List<DriftItem> items) {
  public Drift {
    items = List.copyOf(items);
  }

  public static Drift none() {
    return new Drift(List.of());
  }

  public boolean inSync() {
    return items.isEmpty();
  }
}
