package io.strata.reconciler.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The daemon's log tells what it did to the cluster: one INFO line per change. */
class DaemonChangeLogTest {
  @TempDir Path tmp;

  @Test
  void oneInfoLinePerAppliedChange() throws Exception {
    Logger cycle = (Logger) LoggerFactory.getLogger(ReconcileCycle.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    cycle.addAppender(lines);
    try (Harness h = new Harness(tmp, "")) {
      h.git.commitAndPush("pg", "volumes/pg.yaml", Harness.volume("pg", 10));
      h.start();
      h.awaitCycles(1);
      List<String> info =
          lines.list.stream()
              .filter(e -> e.getLevel() == Level.INFO)
              .map(ILoggingEvent::getFormattedMessage)
              .toList();
      assertTrue(
          info.stream().anyMatch(l -> l.startsWith("applied create pg")),
          () -> "an applied change is logged: " + info);
    } finally {
      cycle.detachAppender(lines);
    }
  }

  /** An invalid commit is logged once, with its located errors, not on every poll. */
  @Test
  void anInvalidCommitIsLoggedOnceWithItsErrors() throws Exception {
    Logger cycle = (Logger) LoggerFactory.getLogger(ReconcileCycle.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    cycle.addAppender(lines);
    try (Harness h = new Harness(tmp, "")) {
      h.git.commitAndPush("pg", "volumes/pg.yaml", Harness.volume("pg", 10));
      h.start();
      h.awaitCycles(1);
      String bad = h.git.commitAndPush("broken", "volumes/pg.yaml", Harness.volume("pg", "ten"));
      h.daemon.requestCycle();
      h.awaitCycles(2);
      h.daemon.requestCycle();
      h.awaitCycles(3);
      List<String> warned =
          lines.list.stream()
              .filter(e -> e.getLevel() == Level.WARN)
              .map(ILoggingEvent::getFormattedMessage)
              .filter(l -> l.startsWith("commit " + bad + " is invalid"))
              .toList();
      assertEquals(1, warned.size(), () -> "logged once: " + warned);
      assertTrue(warned.get(0).contains("volumes/pg.yaml:"), warned::toString);
    } finally {
      cycle.detachAppender(lines);
    }
  }
}
