package io.strata.reconciler.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransitionTrackerTest {
  static final Instant T = Instant.parse("2026-11-24T06:00:00Z");

  static Finding f(String key) {
    return new Finding(key, Map.of(), key + " drifted");
  }

  @Test
  void firesOnceResolvesOnceAndStaysQuietInBetween() {
    TransitionTracker t = new TransitionTracker("StrataDrift");
    List<AlertEvent> e1 = t.update(List.of(f("a"), f("b")), T);
    assertEquals(List.of("a", "b"), e1.stream().map(AlertEvent::key).toList());
    assertEquals(List.of(), t.update(List.of(f("b"), f("a")), T.plusSeconds(1)));
    List<AlertEvent> e3 = t.update(List.of(f("b"), f("c")), T.plusSeconds(2));
    assertEquals(2, e3.size());
    assertEquals("a", e3.get(0).key());
    assertEquals(AlertEvent.State.RESOLVED, e3.get(0).state());
    assertEquals(T, e3.get(0).startsAt());
    assertEquals(T.plusSeconds(2), e3.get(0).endsAt());
    assertEquals(AlertEvent.State.FIRING, e3.get(1).state());
    assertEquals(List.of("b", "c"), t.firingKeys());
  }
}
