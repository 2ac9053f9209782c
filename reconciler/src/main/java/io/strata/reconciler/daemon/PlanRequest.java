package io.strata.reconciler.daemon;

/**
 * What to plan: the desired state of {@code commit} against an observation. {@code applyAllowed} is
 * false in {@code mode: plan-only} (the plan is still made and reported, never applied).
 */
public record PlanRequest<D, O>(
    String commit, D desired, Observation<O> observed, boolean applyAllowed) {}
