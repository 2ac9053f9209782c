package io.strata.reconciler.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a schedule is due, and when it missed fires (docs/decisions/028). */
class SnapshotClockTest {
  private static final Map<String, String> HOURLY = Map.of("db", "0 0 * * * ?");
  private static final Instant T0 = Instant.parse("2026-12-06T00:00:00Z");

  private static Instant at(String hhmmss) {
    return Instant.parse("2026-12-06T" + hhmmss + "Z");
  }

  @Test
  void notDueBeforeTheNextFireAfterTheNewestSnapshot() {
    var d = SnapshotClock.decide(HOURLY, Map.of("db", T0), Map.of(), at("00:59:59"), T0);
    assertTrue(d.due().isEmpty(), d.toString());
    assertTrue(d.missed().isEmpty(), d.toString());
  }

  @Test
  void dueAtTheFireAndNamedAfterIt() {
    var d = SnapshotClock.decide(HOURLY, Map.of("db", T0), Map.of(), at("01:00:03"), T0);
    assertEquals(at("01:00:00"), d.due().get("db"));
    assertTrue(d.missed().isEmpty(), "a running daemon a little late missed nothing: " + d);
  }

  @Test
  void aFreshScheduleCountsFromWhenTheDaemonBecameActive() {
    var d = SnapshotClock.decide(HOURLY, Map.of(), Map.of(), at("05:30:00"), at("05:10:00"));
    assertTrue(d.due().isEmpty(), "no fire since the daemon started: " + d);
    d = SnapshotClock.decide(HOURLY, Map.of(), Map.of(), at("06:00:01"), at("05:10:00"));
    assertEquals(at("06:00:00"), d.due().get("db"));
    assertTrue(d.missed().isEmpty(), "nothing to miss before the first snapshot: " + d);
  }

  @Test
  void firesWhileNoDaemonRanAreMissedAndCaughtUpOnceWithTheLatestFire() {
    // newest snapshot at 00:00, the daemon came back at 04:20: fires 01, 02, 03, 04 were missed
    var d =
        SnapshotClock.decide(
            HOURLY, Map.of("db", T0), Map.of(), at("04:20:05"), at("04:20" + ":00"));
    assertEquals(at("04:00:00"), d.due().get("db"), "one catch-up, named after the latest fire");
    SnapshotClock.Missed m = d.missed().get("db");
    assertEquals(4, m.fires(), m.toString());
    assertEquals(at("01:00:00"), m.since());
    assertTrue(m.message().contains("no daemon was running"), m.message());
  }

  @Test
  void aDueSnapshotThatWasNotTakenIsMissedAndTriedAgain() {
    Map<String, Instant> tried = Map.of("db", at("01:00:00"));
    var d = SnapshotClock.decide(HOURLY, Map.of("db", T0), tried, at("01:00:09"), T0);
    assertEquals(at("01:00:00"), d.due().get("db"), "the same fire, the same name: tried again");
    assertTrue(d.missed().get("db").message().contains("not taken"), d.toString());
    // once it exists, the schedule is on time again
    d = SnapshotClock.decide(HOURLY, Map.of("db", at("01:00:00")), tried, at("01:00:12"), T0);
    assertTrue(d.due().isEmpty() && d.missed().isEmpty(), d.toString());
  }
}
