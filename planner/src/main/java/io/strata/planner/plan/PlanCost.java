package io.strata.planner.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a plan costs: {@code movements} by change id (in plan order, only changes that move data),
 * {@code redundancy} per replicated volume the plan touches (by name), {@code capacity} per pool
 * and node the plan's storage changes touch (by pool, then node).
 */
public record PlanCost(
    Map<String, Movement> movements, List<Redundancy> redundancy, List<PoolCapacity> capacity) {
  public static final PlanCost NONE = new PlanCost(Map.of(), List.of(), List.of());

  public PlanCost {
    movements = Collections.unmodifiableMap(new LinkedHashMap<>(movements));
    redundancy = List.copyOf(redundancy);
    capacity = List.copyOf(capacity);
  }

  public boolean isEmpty() {
    return movements.isEmpty() && redundancy.isEmpty() && capacity.isEmpty();
  }

  /** Bytes over the network in all. */
  public long bytes() {
    return movements.values().stream().mapToLong(Movement::bytes).sum();
  }

  /**
   * The longest single ETA — resyncs of different volumes and targets run in parallel, so this is a
   * lower bound for the whole; null when any movement's rate is unknown.
   */
  public Long etaSeconds() {
    long max = 0;
    for (Movement m : movements.values()) {
      if (m.etaSeconds() == null) {
        return null;
      }
      max = Math.max(max, m.etaSeconds());
    }
    return max;
  }
}
