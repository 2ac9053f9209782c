package io.strata.reconciler.logging;

import ch.qos.logback.classic.pattern.Abbreviator;
import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.util.CachingDateFormatter;

/**
 * Strata's log line, {@value #PATTERN}, written by hand with the classes Logback's own converters
 * use for the date and the logger's name, so the bytes are those of a {@code PatternLayout} with
 * that pattern ({@code StderrLayoutTest} compares them).
 *
 * <p>Why not a {@code PatternLayout}: starting one links about seventy lambdas (its converter
 * table) and compiles the pattern, a tenth of a short command's main-thread CPU, paid by every
 * command even when it logs nothing (docs/decisions/044). This layout costs nothing until the first
 * event; the date formatter is made then.
 */
final class StderrLayout extends LayoutBase<ILoggingEvent> {
  static final String DATE = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";
  static final int LOGGER_LENGTH = 24;
  static final String PATTERN =
      "%d{" + DATE + "} %-5level %logger{" + LOGGER_LENGTH + "} - %oneline%nopex%n";

  private final Abbreviator names = new TargetLengthBasedClassNameAbbreviator(LOGGER_LENGTH);

  /** Made on the first event, in the zone the JVM has then, as Logback's date converter does. */
  private static final class Dates {
    static final CachingDateFormatter FORMAT = new CachingDateFormatter(DATE);
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    String level = event.getLevel().toString();
    StringBuilder b = new StringBuilder(128);
    b.append(Dates.FORMAT.format(event.getTimeStamp())).append(' ').append(level);
    for (int i = level.length(); i < 5; i++) {
      b.append(' ');
    }
    return b.append(' ')
        .append(names.abbreviate(event.getLoggerName()))
        .append(" - ")
        .append(OneLineConverter.line(event))
        .append(CoreConstants.LINE_SEPARATOR)
        .toString();
  }
}
