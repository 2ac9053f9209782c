package io.strata.executors.run;

import io.strata.executors.host.HostUnreachableException;
import io.strata.executors.layer.ApplyOutcome;
import io.strata.planner.plan.Change;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/** Applies one change on a worker thread, retrying transient failures; never throws. */
final class Attempts {
  /** How one change's attempts ended; {@code crash} set when the applier threw a non-outcome. */
  record Ended(
      int index,
      ChangeStatus status,
      int attempts,
      Duration duration,
      String message,
      boolean unreachable,
      Throwable crash,
      Duration waited) {}

  private final ChangeApplier applier;
  private final RetryPolicy retry;
  private final BooleanSupplier fence;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private final Progress progress;
  private final LongSupplier nanoTime;

  Attempts(
      ChangeApplier applier,
      RetryPolicy retry,
      BooleanSupplier fence,
      Sleeper sleeper,
      RandomGenerator random,
      Progress progress,
      LongSupplier nanoTime) {
    this.applier = applier;
    this.retry = retry;
    this.fence = fence;
    this.sleeper = sleeper;
    this.random = random;
    this.progress = progress;
    this.nanoTime = nanoTime;
  }

  Ended apply(int index, Change change) {
    long t0 = nanoTime.getAsLong();
    int attempt = 0;
    long waited = 0; // nanoseconds spent in backoff: not work, left out of the critical path
    try {
      while (true) {
        if (attempt > 0 && !fence.getAsBoolean()) {
          // the walk asked the fence before the first attempt; a retry asks again
          String why = "stopped before attempt " + (attempt + 1) + ": " + Walk.FENCED;
          return ended(waited, index, ChangeStatus.FAILED, attempt, t0, why, false, null);
        }
        attempt++;
        ApplyOutcome o =
            CopyProgressScope.with(p -> progress.copying(change, p), () -> applier.apply(change));
        if (o instanceof ApplyOutcome.Success) {
          return ended(waited, index, ChangeStatus.SUCCEEDED, attempt, t0, "", false, null);
        }
        if (o instanceof ApplyOutcome.Terminal f) {
          return ended(waited, index, ChangeStatus.FAILED, attempt, t0, f.reason(), false, null);
        }
        if (!(o instanceof ApplyOutcome.Transient t)) {
          throw new IllegalStateException(
              "the applier returned no outcome (null) for change " + change.id());
        }
        if (attempt >= retry.maxAttempts()) {
          String why = "gave up after " + attempt + " attempts: " + t.reason();
          return ended(waited, index, ChangeStatus.FAILED, attempt, t0, why, false, null);
        }
        Duration delay;
        synchronized (random) {
          delay = retry.delayAfter(attempt, random);
        }
        progress.retrying(change, attempt, t.reason(), delay);
        long s = nanoTime.getAsLong();
        try {
          sleeper.sleep(delay);
        } finally {
          waited += nanoTime.getAsLong() - s;
        }
      }
    } catch (HostUnreachableException e) {
      return ended(waited, index, ChangeStatus.FAILED, attempt, t0, e.getMessage(), true, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      String why = "interrupted while waiting to retry (attempt " + attempt + ")";
      return ended(waited, index, ChangeStatus.FAILED, attempt, t0, why, false, null);
    } catch (RuntimeException | Error e) {
      String why = "crashed: " + e;
      return ended(waited, index, ChangeStatus.FAILED, attempt, t0, why, false, e);
    }
  }

  private Ended ended(
      long waited,
      int index,
      ChangeStatus status,
      int attempts,
      long t0,
      String message,
      boolean unreachable,
      Throwable crash) {
    Duration d = Duration.ofNanos(nanoTime.getAsLong() - t0);
    return new Ended(
        index, status, attempts, d, message, unreachable, crash, Duration.ofNanos(waited));
  }
}
