package io.strata.executors.run;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter (the delay before attempt {@code n+1} is uniform in {@code
 * [0, min(cap, base·2^(n-1))]}), so many changes failing on the same node do not retry in lockstep.
 */
public record RetryPolicy(Duration base, Duration cap, int maxAttempts) {
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10), 4);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    if (base.isNegative() || cap.isNegative()) {
      throw new IllegalArgumentException("retry base and cap must not be negative");
    }
  }

  /** The delay after failed attempt {@code attempt} (1-based). */
  public Duration delayAfter(int attempt, RandomGenerator random) {
    long ceiling = ceilingNanos(attempt);
    return ceiling == 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(ceiling + 1));
  }

  /** The upper bound of {@link #delayAfter} for {@code attempt}. */
  public long ceilingNanos(int attempt) {
    long b = base.toNanos();
    long c = cap.toNanos();
    int shift = Math.min(attempt - 1, 62);
    // Overflow-safe min(cap, base << shift).
    return b == 0 ? 0 : (b > (c >> shift) ? c : Math.min(c, b << shift));
  }
}
