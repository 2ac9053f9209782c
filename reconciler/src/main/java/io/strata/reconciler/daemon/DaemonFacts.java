package io.strata.reconciler.daemon;

import java.time.Instant;

/**
 * What the daemon itself knows beyond its steps' results: the commits (in force = the last valid
 * one; observed = the head fetched) and how the last cycle ended. Each may be null before the first
 * cycle. {@code activeInstance}: with HA, the instance that holds the repository's lease.
 */
public record DaemonFacts(
    String commitInForce,
    String observedCommit,
    String lastAppliedCommit,
    String lastAttemptedCommit,
    String lastCycleResult,
    Instant lastCycleEnd,
    String lastCycleError,
    String activeInstance) {
  /** Without HA (no active instance to name). */
  public DaemonFacts(
      String commitInForce,
      String observedCommit,
      String lastAppliedCommit,
      String lastAttemptedCommit,
      String lastCycleResult,
      Instant lastCycleEnd,
      String lastCycleError) {
    this(
        commitInForce,
        observedCommit,
        lastAppliedCommit,
        lastAttemptedCommit,
        lastCycleResult,
        lastCycleEnd,
        lastCycleError,
        null);
  }
}
