package io.strata.executors.run;

import io.strata.planner.plan.Change;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress for a log or a CI job (stderr is not a terminal): one line per change that has an
 * outcome and per retry, nothing redrawn, so the output reads the same in a file as it happened.
 */
public final class LineProgress implements Progress {
  private final PrintStream out;

  public LineProgress(PrintStream out) {
    this.out = out;
  }

  @Override
  public void retrying(Change change, int failedAttempt, String reason, Duration delay) {
    out.printf(
        "retry  %s (attempt %d failed: %s; next in %d ms)%n",
        change.id(), failedAttempt, firstLine(reason), delay.toMillis());
  }

  @Override
  public void copying(Change change, CopyProgress progress) {
    out.println(CopyProgress.line(change, progress));
  }

  @Override
  public void finished(ChangeResult result, int done, int total) {
    String status = result.status().name().toLowerCase(Locale.ROOT);
    String detail =
        result.status() == ChangeStatus.SUCCEEDED ? "" : ": " + firstLine(result.message());
    out.printf("[%d/%d] %-9s %s%s%n", done, total, status, result.id(), detail);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
