package io.strata.reconciler.daemon;

import io.strata.planner.plan.Plan;
import io.strata.planner.plan.Refusal;

/**
 * A plan and how it reads: {@code markdown} is written to {@code status/last-plan.md}. The plan is
 * applied as the planner made it: the blast-radius guard and volumes backing off are refusals of
 * the planner's, never edits made afterwards.
 */
public record PlanOutcome(Plan plan, String markdown) {
  /** Why the blast-radius guard dropped the plan's deletes, or null when it did not trip. */
  public String guardRefusal() {
    return plan.refused().stream()
        .filter(r -> r.kind() == Refusal.Kind.GUARD)
        .map(Refusal::reason)
        .findFirst()
        .orElse(null);
  }
}
