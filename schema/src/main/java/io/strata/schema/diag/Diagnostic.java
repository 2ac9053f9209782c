package io.strata.schema.diag;

import io.strata.schema.model.Origin;
import java.util.Comparator;

/**
 * One problem found in a manifest repository: where it is, and a message of the form {@code what is
 * wrong — what to do}. Rendered as {@code file:line:column: message}.
 */
public record Diagnostic(Origin origin, String message) implements Comparable<Diagnostic> {
  /** File, then line, then column, then message: a deterministic order for every report. */
  public static final Comparator<Diagnostic> ORDER =
      Comparator.comparing((Diagnostic d) -> d.origin().file())
          .thenComparingInt(d -> d.origin().line())
          .thenComparingInt(d -> d.origin().column())
          .thenComparing(Diagnostic::message);

  public Diagnostic {
    origin = origin == null ? Origin.UNKNOWN : origin;
    message = oneLine(message);
  }

  /**
   * One diagnostic, one line: control characters a manifest put into a key or value (a quoted YAML
   * key may hold a newline) are shown escaped, so a report line never breaks or hides text.
   */
  private static String oneLine(String m) {
    if (m == null || m.chars().noneMatch(Character::isISOControl)) {
      return m;
    }
    StringBuilder b = new StringBuilder(m.length() + 8);
    m.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                  if (Character.isISOControl(c)) {
                    b.append(String.format("\\u%04x", c));
                  } else {
                    b.appendCodePoint(c);
                  }
                }
              }
            });
    return b.toString();
  }

  public static Diagnostic at(Origin origin, String what, String hint) {
    return new Diagnostic(origin, hint == null || hint.isEmpty() ? what : what + " — " + hint);
  }

  /** The part after " — ": what to do about it (empty when the message carries no hint). */
  public String hint() {
    int i = message.indexOf(" — ");
    return i < 0 ? "" : message.substring(i + 3);
  }

  @Override
  public int compareTo(Diagnostic o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return origin + ": " + message;
  }
}
