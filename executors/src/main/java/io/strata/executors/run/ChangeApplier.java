package io.strata.executors.run;

import io.strata.executors.layer.ApplyOutcome;
import io.strata.planner.plan.Change;

/**
 * Applies one change (typically by dispatching to the layer executor of {@code change.layer()}).
 * Called from worker threads, concurrently for different changes, so implementations must be
 * thread-safe. Operational failures are returned as outcomes; a {@link
 * io.strata.executors.host.HostUnreachableException} marks the node unreachable for the rest of the
 * run; any other exception is a bug and stops the run.
 */
@FunctionalInterface
public interface ChangeApplier {
  ApplyOutcome apply(Change change);
}
