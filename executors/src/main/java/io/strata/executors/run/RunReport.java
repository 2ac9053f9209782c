package io.strata.executors.run;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The result of a run: one {@link ChangeResult} per change in plan order, the wall time, and the
 * plan's critical path — the longest chain along {@code dependsOn} weighted by the measured work of
 * each change (its attempts, without the backoff between them), i.e. the wall time no amount of
 * parallelism could beat; a wall time well above it is scheduling, contention or retry waits.
 */
public record RunReport(
    List<ChangeResult> changes,
    Duration wallTime,
    Duration criticalPath,
    List<String> criticalPathIds) {
  public RunReport {
    changes = List.copyOf(changes);
    criticalPathIds = List.copyOf(criticalPathIds);
  }

  public long count(ChangeStatus status) {
    return changes.stream().filter(c -> c.status() == status).count();
  }

  public long succeeded() {
    return count(ChangeStatus.SUCCEEDED);
  }

  public long failed() {
    return count(ChangeStatus.FAILED);
  }

  public long skipped() {
    return count(ChangeStatus.SKIPPED);
  }

  /** Whether every change succeeded. */
  public boolean ok() {
    return succeeded() == changes.size();
  }

  /** The sum of all durations: what a one-at-a-time run would have taken. */
  public Duration serialTime() {
    return changes.stream().map(ChangeResult::duration).reduce(Duration.ZERO, Duration::plus);
  }

  public ChangeResult result(String id) {
    return changes.stream()
        .filter(c -> c.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no change " + id + " in this report"));
  }

  /** {@code 120 changes: 117 succeeded, 1 failed, 2 skipped in 4.2s (critical path 3.9s)}. */
  public String summary() {
    return String.format(
        "%d changes: %d succeeded, %d failed, %d skipped in %s (critical path %s)",
        changes.size(), succeeded(), failed(), skipped(), human(wallTime), human(criticalPath));
  }

  /** {@code 830ms} below ten seconds, {@code 12.4s} above. */
  static String human(Duration d) {
    long ms = d.toMillis();
    return ms < 10_000 ? ms + "ms" : String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
  }
}
