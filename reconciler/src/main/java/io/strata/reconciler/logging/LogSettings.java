package io.strata.reconciler.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code --log-level} / {@code logging.level} and {@code logging.format} to Logback at run
 * time. Logback's configuration is process-wide, hence static; the defaults are {@link
 * StderrLogConfigurator}'s.
 */
public final class LogSettings {
  /** The logger whose level {@code logging.level} sets; third parties stay at WARN. */
  public static final String STRATA = "io.strata";

  static final String JSON_APPENDER = "STDERR_JSON";

  private LogSettings() {}

  /** The levels accepted by {@code --log-level} and {@code logging.level}. */
  public enum LogLevel {
    trace,
    debug,
    info,
    warn,
    error
  }

  /** {@code logging.format}. */
  public enum LogFormat {
    text,
    json
  }

  /** Sets Strata's own level (no-op when Logback is not the SLF4J binding). */
  public static void level(LogLevel level) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
      ctx.getLogger(STRATA).setLevel(Level.toLevel(level.name()));
    }
  }

  /** Replaces the root appenders by one writing a JSON object per line to stderr. */
  public static void jsonLines() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
      jsonLines(ctx);
    }
  }

  static void jsonLines(LoggerContext ctx) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(ctx);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(ctx);
    stderr.setName(JSON_APPENDER);
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    root.addAppender(stderr);
  }
}
