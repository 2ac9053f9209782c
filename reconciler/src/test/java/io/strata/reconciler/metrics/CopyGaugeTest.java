package io.strata.reconciler.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.run.ChangeResult;
import io.strata.executors.run.ChangeStatus;
import io.strata.executors.run.CopyProgress;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.schema.model.Layer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyGaugeTest {
  private static List<String> samples(StrataMetrics m) {
    return StrataMetricsTest.parse(new String(m.scrape(), StandardCharsets.UTF_8));
  }

  @Test
  void aRunningCopyIsAGaugeUntilItsChangeEnds() {
    StrataMetrics m = new StrataMetrics();
    CopyGauge g = new CopyGauge(m);
    Change c =
        new Change(
            "pg-copy/alpha/storage",
            Action.CREATE,
            Layer.STORAGE,
            "alpha",
            "pg-copy",
            "vg0/pg-copy_00000",
            null,
            List.of(),
            "test",
            null);
    g.copying(c, new CopyProgress(1L << 30, 4L << 30, 5, 215e6));
    String line = "strata_copy_progress_bytes{node=\"alpha\",volume=\"pg-copy\"} 1.073741824E9";
    assertTrue(samples(m).contains(line), samples(m).toString());
    g.finished(
        new ChangeResult(c.id(), "alpha", ChangeStatus.SUCCEEDED, 1, Duration.ZERO, ""), 1, 1);
    assertFalse(
        samples(m).stream().anyMatch(l -> l.startsWith("strata_copy_progress_bytes{")),
        samples(m).toString());
  }
}
