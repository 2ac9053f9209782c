package io.strata.reconciler.daemon;

import java.time.Instant;

/**
 * What the daemon remembers between cycles. Written by the single worker, read by /healthz, so
 * fields are volatile. Nothing here is needed for correctness after a restart: the cycle is
 * level-triggered and the last good commit is recovered from the status branch.
 */
final class DaemonState<D> {
  /** The newest commit that validated, and its desired state: what stays in force. */
  record Good<D>(String commit, D desired) {}

  volatile Good<D> lastGood;
  volatile String lastAppliedCommit;
  volatile String lastAttemptedCommit;
  volatile String observedCommit;

  /** The invalid commit last logged, so that each invalid commit is logged once. */
  volatile String invalidCommitLogged;

  volatile boolean resumed;
  volatile DriftReport lastDrift = DriftReport.none();
  volatile String lastPlanMarkdown = "";
  volatile Instant lastCycleEnd;
  volatile String lastCycleResult = "none yet";
  volatile String lastCycleError;

  /**
   * When this instance began running cycles (start, or becoming the active HA instance): snapshot
   * fires before it happened while no daemon served them (decision 028).
   */
  volatile Instant activeSince;
}
