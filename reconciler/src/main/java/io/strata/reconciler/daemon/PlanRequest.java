package io.strata.reconciler.daemon;

import java.time.Instant;
import java.util.Set;

/**
 * What to plan: the desired state of {@code commit} against an observation. {@code applyAllowed} is
 * false in {@code mode: plan-only} (the plan is still made and reported, never applied). {@code
 * backedOff}: volumes backing off after failed changes, whose changes the planner holds back.
 * {@code now} and {@code activeSince} (when this instance began running cycles) are the daemon's
 * clock for snapshot schedules (decision 028); null for a one-shot plan, which takes no scheduled
 * snapshot.
 */
public record PlanRequest<D, O>(
    String commit,
    D desired,
    CycleObservation<O> observed,
    boolean applyAllowed,
    Set<String> backedOff,
    Instant now,
    Instant activeSince) {
  public PlanRequest {
    backedOff = Set.copyOf(backedOff);
  }

  public PlanRequest(
      String commit,
      D desired,
      CycleObservation<O> observed,
      boolean applyAllowed,
      Set<String> backedOff) {
    this(commit, desired, observed, applyAllowed, backedOff, null, null);
  }
}
