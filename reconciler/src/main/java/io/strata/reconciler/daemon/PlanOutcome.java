package io.strata.reconciler.daemon;

import io.strata.planner.plan.Change;
import io.strata.planner.plan.Plan;
import java.util.List;
import java.util.Set;

/**
 * A plan and how it reads: {@code markdown} is written to {@code status/last-plan.md}; {@code
 * guardRefusal} is non-null when the blast-radius guard (or another whole-plan check) forbids
 * applying it, and says why.
 */
public record PlanOutcome(Plan plan, String markdown, String guardRefusal) {
  /**
   * The same plan without the changes of {@code volumes} (volumes backing off after failures).
   * Changes of different volumes never depend on each other, so removing them keeps the order
   * valid; dependencies on removed changes are dropped too.
   */
  public PlanOutcome without(Set<String> volumes) {
    if (volumes.isEmpty()) {
      return this;
    }
    List<Change> kept = plan.changes().stream().filter(c -> !volumes.contains(c.volume())).toList();
    Set<String> ids = kept.stream().map(Change::id).collect(java.util.stream.Collectors.toSet());
    List<Change> fixed =
        kept.stream()
            .map(c -> c.withDependsOn(c.dependsOn().stream().filter(ids::contains).toList()))
            .toList();
    Plan p =
        new Plan(
            plan.commit(),
            plan.fingerprint(),
            fixed,
            plan.refused(),
            plan.warnings(),
            plan.divergences());
    return new PlanOutcome(p, markdown, guardRefusal);
  }
}
