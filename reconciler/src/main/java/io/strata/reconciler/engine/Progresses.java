package io.strata.reconciler.engine;

import io.strata.executors.run.LineProgress;
import io.strata.executors.run.Progress;
import io.strata.executors.run.TerminalProgress;

/** How an apply shows its progress, always on stderr (stdout carries only the product). */
public final class Progresses {
  private Progresses() {}

  /**
   * A redrawn line on a terminal, nothing otherwise (the daemon logs each change itself); a block
   * copy's progress goes to the log in both cases.
   */
  static Progress forTerminal() {
    return new CopyLogProgress(
        System.console() != null ? new TerminalProgress(System.err, true) : Progress.NONE);
  }

  /**
   * For {@code strata apply}: the redrawn line on a terminal, one line per change and retry
   * otherwise (a CI job's log), so progress is visible wherever it runs.
   */
  public static Progress forCommand() {
    return System.console() != null
        ? new TerminalProgress(System.err, true)
        : new LineProgress(System.err);
  }
}
