package io.strata.reconciler.engine;

import io.strata.executors.run.ChangeResult;
import io.strata.executors.run.ChangeStatus;
import io.strata.executors.run.RunReport;
import java.util.List;

/** One line per change that did not succeed, root cause first. */
final class Reports {
  private Reports() {}

  static List<String> failures(RunReport report) {
    return report.changes().stream()
        .filter(r -> r.status() != ChangeStatus.SUCCEEDED)
        .sorted(
            java.util.Comparator.comparing((ChangeResult r) -> r.status() == ChangeStatus.SKIPPED)
                .thenComparing(r -> r.id()))
        .map(
            r ->
                r.status().name().toLowerCase(java.util.Locale.ROOT)
                    + " "
                    + r.id()
                    + ": "
                    + r.message())
        .toList();
  }
}
