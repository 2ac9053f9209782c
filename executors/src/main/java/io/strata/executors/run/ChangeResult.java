package io.strata.executors.run;

import java.time.Duration;

/**
 * One change's fate. {@code attempts} is 0 for a skipped change; {@code duration} covers all
 * attempts and backoff; {@code message} is empty on success, the reason otherwise.
 */
public record ChangeResult(
    String id, String node, ChangeStatus status, int attempts, Duration duration, String message) {}
