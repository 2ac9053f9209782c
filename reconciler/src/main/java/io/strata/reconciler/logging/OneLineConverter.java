package io.strata.reconciler.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * {@code %oneline}: the message and its exception chain (class: message, caused by …) on a single
 * line, control characters (newlines, NULs from JGit) replaced by spaces — so that journald, Loki
 * and grep see one event per line. Stack traces stay out; STRATA_DEBUG shows them on the CLI.
 */
public final class OneLineConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return line(event);
  }

  /** What {@code %oneline} writes for {@code event}. */
  static String line(ILoggingEvent event) {
    StringBuilder b = new StringBuilder(String.valueOf(event.getFormattedMessage()));
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      b.append(b.length() == 0 ? "" : " | ").append(t.getClassName());
      if (t.getMessage() != null) {
        b.append(": ").append(t.getMessage());
      }
    }
    return oneLine(b);
  }

  /** Every ISO control character (\n, \r, \t, NUL, ESC …) becomes a single space. */
  static String oneLine(CharSequence s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    return b.toString();
  }
}
