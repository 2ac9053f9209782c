package io.strata.reconciler.metrics;

import io.strata.executors.run.ChangeResult;
import io.strata.executors.run.CopyProgress;
import io.strata.executors.run.Progress;
import io.strata.planner.plan.Change;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code strata_copy_progress_bytes{volume,node}} from the runs of the daemon's engine: set by each
 * copy report, removed when the copy's change ends.
 */
public final class CopyGauge implements Progress {
  private final StrataMetrics metrics;
  private final Map<String, List<String>> running = new ConcurrentHashMap<>();

  public CopyGauge(StrataMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void copying(Change change, CopyProgress progress) {
    running.put(change.id(), List.of(change.volume(), change.node()));
    metrics.copyProgress(change.volume(), change.node(), progress.bytes());
  }

  @Override
  public void finished(ChangeResult result, int done, int total) {
    List<String> l = running.remove(result.id());
    if (l != null) {
      metrics.copyEnded(l.get(0), l.get(1));
    }
  }
}
