package io.strata.reconciler.schedule;

/**
 * The kinds of work the single worker runs. Order matters: when both are pending, the reconcile
 * cycle runs first (it also heals), then the drift check.
 */
public enum Work {
  RECONCILE,
  DRIFT
}
