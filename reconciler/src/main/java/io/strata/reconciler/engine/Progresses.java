package io.strata.reconciler.engine;

import io.strata.executors.run.Progress;
import io.strata.executors.run.TerminalProgress;

/** The progress display: a redrawn line on a terminal, nothing otherwise. */
final class Progresses {
  private Progresses() {}

  static Progress forTerminal() {
    return System.console() != null ? new TerminalProgress(System.err, true) : Progress.NONE;
  }
}
