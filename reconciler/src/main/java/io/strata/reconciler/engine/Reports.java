package io.strata.reconciler.engine;

import io.strata.executors.run.ChangeResult;
import io.strata.executors.run.ChangeStatus;
import io.strata.executors.run.RunReport;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** One line per change that did not succeed, root cause first. */
final class Reports {
  private Reports() {}

  static List<String> failures(RunReport report) {
    return report.changes().stream()
        .filter(r -> r.status() != ChangeStatus.SUCCEEDED)
        .sorted(
            Comparator.comparing((ChangeResult r) -> r.status() == ChangeStatus.SKIPPED)
                .thenComparing(r -> r.id()))
        .map(r -> r.status().name().toLowerCase(Locale.ROOT) + " " + r.id() + ": " + r.message())
        .toList();
  }
}
