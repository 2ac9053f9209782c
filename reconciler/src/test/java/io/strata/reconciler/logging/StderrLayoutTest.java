package io.strata.reconciler.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written layout writes what Logback's PatternLayout writes for the same pattern. */
class StderrLayoutTest {
  @Test
  void writesTheBytesOfAPatternLayoutWithItsPattern() {
    LoggerContext ctx = new LoggerContext();
    PatternLayout pattern = new PatternLayout();
    pattern.setContext(ctx);
    pattern.getInstanceConverterMap().put("oneline", OneLineConverter::new);
    pattern.setPattern(StderrLayout.PATTERN);
    pattern.start();
    StderrLayout layout = new StderrLayout();
    layout.setContext(ctx);
    layout.start();
    List<LoggingEvent> events =
        List.of(
            event(ctx, "io.strata.reconciler.daemon.CycleRunner", Level.INFO, "cycle done", null),
            event(ctx, "io.strata.x", Level.WARN, "ref\u0000name\nline", null),
            event(
                ctx,
                "org.eclipse.jgit.internal.storage.file.FileRepository",
                Level.ERROR,
                "",
                null),
            event(ctx, "Short", Level.DEBUG, "{}", null),
            event(
                ctx,
                "io.strata.executors.host.SshConnectionPool",
                Level.TRACE,
                "lost",
                new IllegalStateException("outer\nmsg", new RuntimeException("inner"))));
    for (LoggingEvent e : events) {
      assertEquals(pattern.doLayout(e), layout.doLayout(e), e.getMessage());
    }
  }

  private static LoggingEvent event(
      LoggerContext ctx, String logger, Level level, String message, Throwable t) {
    LoggingEvent e = new LoggingEvent("x", ctx.getLogger(logger), level, message, t, null);
    e.setTimeStamp(1_796_000_000_123L);
    return e;
  }
}
