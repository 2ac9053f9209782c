package io.strata.reconciler.daemon;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One observation of the cluster: the snapshot the planner needs ({@code state}), its JSON as
 * written to {@code status/observed.json} (deterministic: no timestamps, sorted keys, so that an
 * unchanged cluster does not produce a status commit), and the nodes that could not be observed
 * with why.
 */
public record CycleObservation<O>(O state, String json, Map<String, String> unreachable) {
  public CycleObservation {
    unreachable = Collections.unmodifiableMap(new TreeMap<>(unreachable));
  }
}
