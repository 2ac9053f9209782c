package io.strata.executors.layer;

/**
 * The result of applying one Change, as a value (STYLE.md #6). {@link Transient} failures (lock
 * timeouts, connection resets, a device still busy, an unreachable node) may succeed on retry;
 * {@link Terminal} ones (would format data, object not owned, bad argument) never will, and their
 * reason tells the operator what to do.
 */
public sealed interface ApplyOutcome {
  /** A short human description. */
  String describe();

  default boolean success() {
    return this instanceof Success;
  }

  static ApplyOutcome ok(String what) {
    return new Success(what);
  }

  static ApplyOutcome transientFailure(String reason) {
    return new Transient(reason);
  }

  static ApplyOutcome terminal(String reason) {
    return new Terminal(reason);
  }

  /** The change is done (or was already done: every apply is idempotent). */
  record Success(String what) implements ApplyOutcome {
    public String describe() {
      return what;
    }
  }

  /** A failure that a retry (with backoff) may fix. */
  record Transient(String reason) implements ApplyOutcome {
    public String describe() {
      return reason;
    }
  }

  /** A failure no retry will fix; the reason says what is wrong and what to do. */
  record Terminal(String reason) implements ApplyOutcome {
    public String describe() {
      return reason;
    }
  }
}
