package io.strata.executors.run;

import io.strata.planner.plan.Change;
import java.time.Duration;

/**
 * Listens to a run. {@link #started}, {@link #finished} and {@link #runFinished} are called from
 * the runner's scheduling thread, one at a time; {@link #retrying} from the worker that retries.
 */
public interface Progress {
  Progress NONE = new Progress() {};

  default void started(Change change) {}

  default void retrying(Change change, int failedAttempt, String reason, Duration delay) {}

  /**
   * A block copy of {@code change} has come this far; called from the thread reading the command's
   * output, at most every few seconds per copy.
   */
  default void copying(Change change, CopyProgress progress) {}

  /** {@code done} of {@code total} changes have an outcome (including skipped ones). */
  default void finished(ChangeResult result, int done, int total) {}

  /** Called once at the end, also when the run stops because the applier crashed. */
  default void runFinished(RunReport report) {}
}
