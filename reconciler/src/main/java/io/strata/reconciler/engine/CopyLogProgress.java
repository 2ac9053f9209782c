package io.strata.reconciler.engine;

import io.strata.executors.run.ChangeResult;
import io.strata.executors.run.CopyProgress;
import io.strata.executors.run.Progress;
import io.strata.executors.run.RunReport;
import io.strata.planner.plan.Change;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code inner}, plus a block copy's progress in the log at INFO: the daemon has no terminal, and a
 * copy of a large volume would otherwise be silent for as long as it runs. The copy monitor already
 * reports at most every few seconds, so the log is not flooded.
 */
record CopyLogProgress(Progress inner) implements Progress {
  private static final Logger LOG = LoggerFactory.getLogger(CopyLogProgress.class);

  @Override
  public void started(Change change) {
    inner.started(change);
  }

  @Override
  public void retrying(Change change, int failedAttempt, String reason, Duration delay) {
    inner.retrying(change, failedAttempt, reason, delay);
  }

  @Override
  public void copying(Change change, CopyProgress progress) {
    LOG.info("{}", CopyProgress.line(change, progress));
    inner.copying(change, progress);
  }

  @Override
  public void finished(ChangeResult result, int done, int total) {
    inner.finished(result, done, total);
  }

  @Override
  public void runFinished(RunReport report) {
    inner.runFinished(report);
  }
}
