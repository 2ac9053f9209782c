package io.strata.reconciler.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strata.reconciler.metrics.StrataMetrics.Stage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageTimerTest {
  /** A clock the test moves by hand. */
  static final class Hand extends Clock {
    Instant now = Instant.parse("2026-12-05T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void sumsARecurringStageAndEndsTheLastOne() {
    Hand clock = new Hand();
    StageTimer t = new StageTimer(clock);
    t.enter(Stage.OBSERVE);
    clock.now = clock.now.plusMillis(100);
    t.enter(Stage.APPLY);
    clock.now = clock.now.plusMillis(500);
    t.enter(Stage.OBSERVE);
    clock.now = clock.now.plusMillis(40);
    assertEquals(
        Map.of(Stage.OBSERVE, Duration.ofMillis(140), Stage.APPLY, Duration.ofMillis(500)),
        t.spent());
  }
}
