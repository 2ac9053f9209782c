package io.strata.executors.run;

import java.time.Duration;

/** Waits between retries; injected so tests do not wait. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration d) throws InterruptedException;

  /** The real one. */
  Sleeper SYSTEM = d -> Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
}
