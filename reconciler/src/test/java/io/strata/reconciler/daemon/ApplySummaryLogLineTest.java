package io.strata.reconciler.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strata.planner.plan.Action;
import org.junit.jupiter.api.Test;

/** The daemon's one INFO line per applied, failed or skipped change. */
class ApplySummaryLogLineTest {
  @Test
  void saysOutcomeActionAndChangeAndTheErrorOfAFailure() {
    assertEquals(
        "applied create pg/alpha/storage",
        new ApplySummary.ChangeResult(
                "pg/alpha/storage", "pg", Action.CREATE, ApplySummary.Outcome.APPLIED, null)
            .logLine());
    assertEquals(
        "failed update pg/beta/drbd: drbdadm adjust exited 10",
        new ApplySummary.ChangeResult(
                "pg/beta/drbd",
                "pg",
                Action.UPDATE,
                ApplySummary.Outcome.FAILED,
                "drbdadm adjust exited 10")
            .logLine());
  }
}
