package io.strata.executors.run;

import java.time.Duration;

/**
 * One change's fate. {@code attempts} is 0 for a skipped change; {@code duration} covers all
 * attempts and backoff, {@code waited} the backoff alone (so {@code duration - waited} is the
 * change's work); {@code message} is empty on success, the reason otherwise.
 */
public record ChangeResult(
    String id,
    String node,
    ChangeStatus status,
    int attempts,
    Duration duration,
    String message,
    Duration waited) {
  /** A result that never waited to retry. */
  public ChangeResult(
      String id,
      String node,
      ChangeStatus status,
      int attempts,
      Duration duration,
      String message) {
    this(id, node, status, attempts, duration, message, Duration.ZERO);
  }

  /** The time the change's attempts took, backoff excluded. */
  public Duration work() {
    return duration.minus(waited);
  }
}
