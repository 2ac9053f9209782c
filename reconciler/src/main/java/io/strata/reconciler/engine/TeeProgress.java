package io.strata.reconciler.engine;

import io.strata.executors.run.ChangeResult;
import io.strata.executors.run.CopyProgress;
import io.strata.executors.run.Progress;
import io.strata.executors.run.RunReport;
import io.strata.planner.plan.Change;
import java.time.Duration;

/** Both {@code first} and {@code second} see every event, in that order. */
record TeeProgress(Progress first, Progress second) implements Progress {
  @Override
  public void started(Change change) {
    first.started(change);
    second.started(change);
  }

  @Override
  public void retrying(Change change, int failedAttempt, String reason, Duration delay) {
    first.retrying(change, failedAttempt, reason, delay);
    second.retrying(change, failedAttempt, reason, delay);
  }

  @Override
  public void copying(Change change, CopyProgress progress) {
    first.copying(change, progress);
    second.copying(change, progress);
  }

  @Override
  public void finished(ChangeResult result, int done, int total) {
    first.finished(result, done, total);
    second.finished(result, done, total);
  }

  @Override
  public void runFinished(RunReport report) {
    first.runFinished(report);
    second.runFinished(report);
  }
}
