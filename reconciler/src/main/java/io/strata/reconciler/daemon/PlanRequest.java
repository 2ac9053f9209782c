package io.strata.reconciler.daemon;

import java.util.Set;

/**
 * What to plan: the desired state of {@code commit} against an observation. {@code applyAllowed} is
 * false in {@code mode: plan-only} (the plan is still made and reported, never applied). {@code
 * backedOff}: volumes backing off after failed changes, whose changes the planner holds back.
 */
public record PlanRequest<D, O>(
    String commit,
    D desired,
    CycleObservation<O> observed,
    boolean applyAllowed,
    Set<String> backedOff) {
  public PlanRequest {
    backedOff = Set.copyOf(backedOff);
  }
}
