package io.strata.reconciler.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strata.planner.plan.Action;
import io.strata.reconciler.drift.DriftClass;
import io.strata.reconciler.drift.DriftItem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The words of the status commit message, and which drift counts as healed. */
class HealsTest {
  private static DriftItem item(String volume, String node, DriftClass c) {
    return new DriftItem(volume, node, "storage", c, null, "x");
  }

  private static ApplySummary.ChangeResult applied(String id, Action a) {
    return new ApplySummary.ChangeResult(
        id, id.substring(0, id.indexOf('/')), a, ApplySummary.Outcome.APPLIED, null);
  }

  @Test
  void healedIsWhatWasThereBeforeAndIsGoneAfter() {
    DriftReport before =
        new DriftReport(
            List.of(item("logs", "n3", DriftClass.MISSING), item("db", "n1", DriftClass.RESIZED)));
    DriftReport after = new DriftReport(List.of(item("db", "n1", DriftClass.RESIZED)));
    assertEquals(List.of(item("logs", "n3", DriftClass.MISSING)), Heals.healed(before, after));
  }

  @Test
  void saysWhatWasHealedDeletedCreatedAndRemoved() {
    ApplySummary summary =
        new ApplySummary(
            List.of(
                applied("logs/n3/storage", Action.CREATE),
                applied("cache/n1/drbd", Action.DELETE),
                applied("cache/n1/storage", Action.DELETE),
                applied("pg/alpha/storage", Action.CREATE),
                applied("pg/beta/storage", Action.CREATE),
                applied("web/gamma/drbd", Action.DELETE)));
    assertEquals(
        "healed logs on n3; deleted volume cache; created pg on alpha, beta;"
            + " removed web from gamma",
        Heals.describe(List.of(item("logs", "n3", DriftClass.MISSING)), summary));
    assertEquals("", Heals.describe(List.of(), new ApplySummary(List.of())));
  }
}
