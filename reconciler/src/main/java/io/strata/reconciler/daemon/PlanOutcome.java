package io.strata.reconciler.daemon;

import io.strata.planner.plan.Plan;
import io.strata.planner.plan.Refusal;
import io.strata.reconciler.schedule.SnapshotClock;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A plan and how it reads: {@code markdown} is written to {@code status/last-plan.md}. The plan is
 * applied as the planner made it: the blast-radius guard and volumes backing off are refusals of
 * the planner's, never edits made afterwards. {@code scheduled}: the volumes with a snapshot
 * schedule; {@code missed}: those whose schedule missed fires (decision 028).
 */
public record PlanOutcome(
    Plan plan,
    String markdown,
    Set<String> scheduled,
    SortedMap<String, SnapshotClock.Missed> missed) {
  public PlanOutcome {
    scheduled = scheduled == null ? Set.of() : new TreeSet<>(scheduled);
    missed = missed == null ? new TreeMap<>() : new TreeMap<>(missed);
  }

  public PlanOutcome(Plan plan, String markdown) {
    this(plan, markdown, Set.of(), new TreeMap<>());
  }

  /** The missed schedules' messages by volume. */
  public Map<String, String> missedMessages() {
    Map<String, String> m = new TreeMap<>();
    missed.forEach((v, x) -> m.put(v, x.message()));
    return m;
  }

  /** Why the blast-radius guard dropped the plan's deletes, or null when it did not trip. */
  public String guardRefusal() {
    return plan.refused().stream()
        .filter(r -> r.kind() == Refusal.Kind.GUARD)
        .map(Refusal::reason)
        .findFirst()
        .orElse(null);
  }
}
