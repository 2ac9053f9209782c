package io.strata.reconciler.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.reconciler.drift.DriftClass;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several repositories' metrics in one exposition (repositories:, issue 13). */
class RepositoryMetricsTest {
  @Test
  void eachSeriesCarriesItsRepositoryUnderOneHelpAndType() {
    StrataMetrics east = new StrataMetrics("east");
    StrataMetrics west = new StrataMetrics("west");
    east.cycle(StrataMetrics.CycleResult.SUCCESS, 0.5);
    west.cycle(StrataMetrics.CycleResult.SUCCESS, 1.5);
    west.changeApplied("create");
    // every metric of both, so that one without the repository label cannot hide
    for (StrataMetrics m : List.of(east, west)) {
      m.stage(StrataMetrics.Stage.values()[0], java.time.Duration.ofMillis(5));
      m.failure(StrataMetrics.Stage.values()[0]);
      m.drifted(java.util.Map.of(DriftClass.values()[0], 1));
      m.healed(DriftClass.values()[0]);
      m.lastSuccessfulSync(java.time.Instant.now());
      m.alertDelivered("log");
      m.alertDeliveryFailed("log");
      m.alertDropped();
    }
    east.instanceActive(true);
    west.instanceActive(false);
    String text = new String(StrataMetrics.scrape(List.of(east, west)), StandardCharsets.UTF_8);
    List<String> samples = StrataMetricsTest.parse(text);
    assertTrue(samples.contains("strata_instance_active{repository=\"east\"} 1.0"), text);
    assertTrue(samples.contains("strata_instance_active{repository=\"west\"} 0.0"), text);
    assertTrue(
        samples.contains("strata_changes_applied_total{action=\"create\",repository=\"west\"} 1.0"),
        text);
    assertTrue(
        samples.stream()
            .anyMatch(
                s -> s.startsWith("strata_cycle_duration_seconds_count{repository=\"east\"}")),
        text);
    for (String name :
        List.of("strata_instance_active", "strata_cycles_total", "strata_cycle_duration_seconds")) {
      assertEquals(
          1,
          text.lines().filter(l -> l.equals("# TYPE " + name + " " + type(name))).count(),
          "one TYPE line for " + name + "\n" + text);
    }
  }

  @Test
  void theSingleRepositoryFormHasNoRepositoryLabel() {
    String text = new String(new StrataMetrics().scrape(), StandardCharsets.UTF_8);
    assertTrue(text.contains("strata_instance_active 1.0"), text);
    assertTrue(!text.contains("repository="), text);
  }

  private static String type(String name) {
    return switch (name) {
      case "strata_cycles_total" -> "counter";
      case "strata_cycle_duration_seconds" -> "histogram";
      default -> "gauge";
    };
  }
}
