package io.strata.executors.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void ceilingDoublesFromBaseUpToCap() {
    RetryPolicy p = RetryPolicy.DEFAULT;
    long ms = 1_000_000;
    assertEquals(200 * ms, p.ceilingNanos(1));
    assertEquals(400 * ms, p.ceilingNanos(2));
    assertEquals(800 * ms, p.ceilingNanos(3));
    assertEquals(6400 * ms, p.ceilingNanos(6));
    assertEquals(10_000 * ms, p.ceilingNanos(7));
    assertEquals(10_000 * ms, p.ceilingNanos(1000));
  }

  @Property
  void delayIsWithinZeroAndCeiling(
      @ForAll @IntRange(min = 1, max = 200) int attempt, @ForAll long seed) {
    RetryPolicy p = RetryPolicy.DEFAULT;
    Duration d = p.delayAfter(attempt, new SplittableRandom(seed));
    assertTrue(!d.isNegative() && d.toNanos() <= p.ceilingNanos(attempt), d.toString());
  }

  @Test
  void rejectsNonsense() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(1), 0));
  }
}
