package io.strata.executors.layer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What an observation saw before all of its probes had exited, and the check that completes once
 * they have: normally when every one succeeded, exceptionally (with the {@link
 * ObservationException} or {@link io.strata.executors.host.HostUnreachableException} the probe
 * would have thrown) when one did not. {@code value} may be worked on meanwhile, but nothing may be
 * decided from it until the check has passed (docs/decisions/045).
 */
public record Tentative<T>(T value, CompletableFuture<Void> check) {
  /** {@code value} once its check has passed; the probe's failure otherwise. */
  public T confirmed() {
    try {
      check.join();
      return value;
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }
}
