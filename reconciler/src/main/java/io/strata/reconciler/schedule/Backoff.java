package io.strata.reconciler.schedule;

import io.strata.executors.run.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * Per-volume failure backoff: after the n-th consecutive failure a volume is skipped until {@code
 * base · 2^(n-1)} (capped at {@code max}) has passed, multiplied by a jitter in [1 - j, 1 + j] so
 * that volumes failing together do not retry in lock step. A success clears the volume.
 */
public final class Backoff {
  /** The failure record of one volume. */
  public record Entry(int failures, Instant due, String lastError) {}

  private final Duration base;
  private final Duration max;
  private final double jitter;
  private final RandomGenerator random;
  private final Map<String, Entry> entries = new TreeMap<>();

  public Backoff(Duration base, Duration max, double jitter, RandomGenerator random) {
    if (jitter < 0 || jitter >= 1) {
      throw new IllegalArgumentException("jitter must be in [0, 1)");
    }
    this.base = base;
    this.max = max;
    this.jitter = jitter;
    this.random = random;
  }

  /** Defaults: 10 s doubling up to 10 min, ±20 % jitter. */
  public static Backoff standard() {
    return new Backoff(
        Duration.ofSeconds(10), Duration.ofMinutes(10), 0.2, RandomGenerator.getDefault());
  }

  /**
   * The delay after {@code failures} consecutive failures, before jitter: the same exponential
   * schedule as a change's retries ({@link RetryPolicy}). The jitter differs on purpose: a change
   * retries anywhere in [0, delay] (full jitter), a volume waits at least 80 % of it.
   */
  public Duration delay(int failures) {
    return Duration.ofNanos(new RetryPolicy(base, max, 1).ceilingNanos(failures));
  }

  public synchronized Entry failed(String volume, String error, Instant now) {
    int n = entries.containsKey(volume) ? entries.get(volume).failures() + 1 : 1;
    double factor = 1 + jitter * (2 * random.nextDouble() - 1);
    long ms = Math.round(delay(n).toMillis() * factor);
    Entry e = new Entry(n, now.plusMillis(ms), error);
    entries.put(volume, e);
    return e;
  }

  public synchronized void succeeded(String volume) {
    entries.remove(volume);
  }

  /** Volumes still backing off at {@code now}: the cycle leaves their changes out. */
  public synchronized Set<String> deferred(Instant now) {
    Set<String> out = new TreeSet<>();
    entries.forEach(
        (v, e) -> {
          if (now.isBefore(e.due())) {
            out.add(v);
          }
        });
    return out;
  }

  public synchronized Map<String, Entry> entries() {
    return Map.copyOf(entries);
  }
}
