package io.strata.executors.run;

import io.strata.planner.plan.Change;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress for a terminal: on an interactive console one line {@code applying 37/120 (1 failed, 2
 * skipped) pg/alpha/storage} redrawn in place with {@code \r}; otherwise (logs, pipes) one line per
 * change that did not succeed, plus retries, so the output stays readable when captured.
 */
public final class TerminalProgress implements Progress {
  private final PrintStream out;
  private final boolean interactive;
  private int failed;
  private int skipped;
  private int lastWidth;

  /** For the real terminal: redraws only when {@code System.console() != null}. */
  public static TerminalProgress forStdout() {
    return new TerminalProgress(System.out, System.console() != null);
  }

  public TerminalProgress(PrintStream out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
  }

  @Override
  public synchronized void started(Change change) {}

  @Override
  public synchronized void retrying(Change change, int failedAttempt, String reason, Duration d) {
    if (!interactive) {
      out.printf(
          Locale.ROOT,
          "retrying %s after attempt %d in %dms: %s%n",
          change.id(),
          failedAttempt,
          d.toMillis(),
          reason);
    }
  }

  /** A line of its own, also on a terminal: the redrawn line is left as it was, then redrawn. */
  @Override
  public synchronized void copying(Change change, CopyProgress progress) {
    if (interactive && lastWidth > 0) {
      out.print("\r" + " ".repeat(lastWidth) + "\r");
      lastWidth = 0;
    }
    out.println(CopyProgress.line(change, progress));
    out.flush();
  }

  @Override
  public synchronized void finished(ChangeResult r, int done, int total) {
    if (r.status() == ChangeStatus.FAILED) {
      failed++;
    } else if (r.status() == ChangeStatus.SKIPPED) {
      skipped++;
    }
    if (interactive) {
      String line = line(done, total) + " " + r.id();
      int pad = Math.max(0, lastWidth - line.length());
      out.print("\r" + line + " ".repeat(pad));
      lastWidth = line.length();
      out.flush();
    } else if (r.status() != ChangeStatus.SUCCEEDED) {
      out.printf(
          Locale.ROOT,
          "%s %s: %s%n",
          r.status().name().toLowerCase(Locale.ROOT),
          r.id(),
          r.message());
    }
  }

  @Override
  public synchronized void runFinished(RunReport report) {
    if (interactive && lastWidth > 0) {
      out.print("\r" + " ".repeat(lastWidth) + "\r");
    }
    out.println(report.summary());
    out.flush();
  }

  private String line(int done, int total) {
    StringBuilder s = new StringBuilder("applying ").append(done).append('/').append(total);
    if (failed > 0 || skipped > 0) {
      s.append(" (").append(failed).append(" failed, ").append(skipped).append(" skipped)");
    }
    return s.toString();
  }
}
