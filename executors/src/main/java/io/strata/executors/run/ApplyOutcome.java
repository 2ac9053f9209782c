package io.strata.executors.run;

/**
 * What applying one change came to — a value, not an exception (STYLE #6). A {@link
 * TransientFailure} is retried with backoff; a {@link TerminalFailure} is not (a retry cannot fix
 * it, so the reason should tell the operator what to do).
 */
public sealed interface ApplyOutcome {
  /** The change is done. */
  record Success() implements ApplyOutcome {}

  /** Might work if tried again (a lock held, a device not yet there). */
  record TransientFailure(String reason) implements ApplyOutcome {}

  /** Will not work by retrying (refused by a safety probe, invalid input, tool error). */
  record TerminalFailure(String reason) implements ApplyOutcome {}

  static ApplyOutcome success() {
    return new Success();
  }

  static ApplyOutcome transientFailure(String reason) {
    return new TransientFailure(reason);
  }

  static ApplyOutcome terminalFailure(String reason) {
    return new TerminalFailure(reason);
  }
}
