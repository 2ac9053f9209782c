package io.strata.reconciler.daemon;

import io.strata.reconciler.metrics.StrataMetrics.Stage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Time one cycle spent in each stage, summed when a stage recurs (the observe after apply adds to
 * the first): what {@code strata_cycle_stage_duration_seconds} reports and bench/run reads for the
 * warm daemon's observe, validate and plan figures.
 */
final class StageTimer {
  private final Clock clock;
  private final Map<Stage, Duration> spent = new EnumMap<>(Stage.class);
  private Stage current;
  private Instant since;

  StageTimer(Clock clock) {
    this.clock = clock;
  }

  /** Ends the running stage and starts {@code stage}; returns it. */
  Stage enter(Stage stage) {
    Instant now = clock.instant();
    if (current != null) {
      spent.merge(current, Duration.between(since, now), Duration::plus);
    }
    current = stage;
    since = now;
    return stage;
  }

  /** Ends the running stage; the time of every stage entered so far. */
  Map<Stage, Duration> spent() {
    enter(null);
    return Map.copyOf(spent);
  }
}
