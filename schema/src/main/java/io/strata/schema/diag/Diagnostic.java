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
