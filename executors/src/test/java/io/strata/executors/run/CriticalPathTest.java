package io.strata.executors.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CriticalPathTest {
  private static Duration ms(long m) {
    return Duration.ofMillis(m);
  }

  @Test
  void longestWeightedChainWins() {
    // a(5) -> c(1) ; b(2) -> c ; c -> d(10) ; e(12) alone
    CriticalPath.Path p =
        CriticalPath.of(
            List.of("a", "b", "c", "d", "e"),
            Map.of("c", List.of("a", "b"), "d", List.of("c")),
            Map.of("a", ms(5), "b", ms(2), "c", ms(1), "d", ms(10), "e", ms(12)));
    assertEquals(ms(16), p.length());
    assertEquals(List.of("a", "c", "d"), p.ids());
  }

  @Test
  void aSingleLongChangeCanBeThePath() {
    CriticalPath.Path p =
        CriticalPath.of(
            List.of("a", "b", "e"),
            Map.of("b", List.of("a")),
            Map.of("a", ms(1), "b", ms(1), "e", ms(30)));
    assertEquals(ms(30), p.length());
    assertEquals(List.of("e"), p.ids());
  }
}
