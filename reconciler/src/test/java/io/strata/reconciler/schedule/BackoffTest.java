package io.strata.reconciler.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BackoffTest {
  static final Instant T = Instant.parse("2026-11-24T06:00:00Z");

  @Test
  void doublesUpToTheCap() {
    Backoff b = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(1), 0, new Random(1));
    assertEquals(Duration.ofSeconds(10), b.delay(1));
    assertEquals(Duration.ofSeconds(20), b.delay(2));
    assertEquals(Duration.ofSeconds(40), b.delay(3));
    assertEquals(Duration.ofMinutes(1), b.delay(4));
    assertEquals(Duration.ofMinutes(1), b.delay(60));
  }

  @Test
  void aFailingVolumeIsSkippedUntilDueAndClearedBySuccess() {
    Backoff b = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(1), 0, new Random(1));
    b.failed("pg", "lvcreate failed", T);
    assertEquals(Set.of("pg"), b.deferred(T.plusSeconds(9)));
    assertEquals(Set.of(), b.deferred(T.plusSeconds(10)));
    b.failed("pg", "again", T.plusSeconds(10));
    assertEquals(Set.of("pg"), b.deferred(T.plusSeconds(29)));
    assertEquals(2, b.entries().get("pg").failures());
    b.succeeded("pg");
    assertEquals(Set.of(), b.deferred(T.plusSeconds(11)));
  }

  @Property
  void jitterStaysWithinItsBand(
      @ForAll @IntRange(min = 1, max = 30) int failures, @ForAll long seed) {
    Backoff b = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(10), 0.2, new Random(seed));
    Backoff.Entry e = null;
    for (int i = 0; i < failures; i++) {
      e = b.failed("v", "x", T);
    }
    long base = b.delay(failures).toMillis();
    long got = Duration.between(T, e.due()).toMillis();
    assertTrue(got >= base * 0.8 - 1 && got <= base * 1.2 + 1, got + " vs " + base);
  }
}
