package io.strata.reconciler.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.reconciler.drift.DriftClass;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

public class StrataMetricsTest {
  /** One sample line of the Prometheus text format 0.0.4. */
  static final Pattern SAMPLE =
      Pattern.compile(
          "^[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\",?)*\\})?"
              + " ([-+]?[0-9.eE+-]+|NaN|[+-]Inf)( [0-9]+)?$");

  /** Asserts {@code text} parses as Prometheus text and returns the sample lines. */
  public static List<String> parse(String text) {
    for (String line : text.lines().toList()) {
      if (line.isBlank() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
        continue;
      }
      assertTrue(SAMPLE.matcher(line).matches(), "not a Prometheus sample line: " + line);
    }
    return text.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
  }

  @Test
  void exposesTheContractNamesInPrometheusTextFormat() {
    StrataMetrics m = new StrataMetrics();
    m.cycle(StrataMetrics.CycleResult.SUCCESS, 0.42);
    m.changeApplied("create");
    m.drifted(Map.of(DriftClass.RESIZED, 3, DriftClass.MISSING, 0));
    m.healed(DriftClass.MISSING);
    m.failure(StrataMetrics.Stage.APPLY);
    m.lastSuccessfulSync(Instant.parse("2026-11-24T06:00:00Z"));
    m.stage(StrataMetrics.Stage.PLAN, Duration.ofMillis(300));
    String text = new String(m.scrape(), StandardCharsets.UTF_8);
    List<String> samples = parse(text);
    for (String needle :
        List.of(
            "strata_cycles_total{result=\"success\"} 1.0",
            "strata_cycle_duration_seconds_bucket{le=\"0.5\"} 1",
            "strata_cycle_duration_seconds_count 1",
            "strata_changes_applied_total{action=\"create\"} 1.0",
            "strata_drifted_objects{class=\"resized\"} 3.0",
            "strata_drifted_objects{class=\"missing\"} 0.0",
            "strata_heals_total{class=\"missing\"} 1.0",
            "strata_heals_total{class=\"refused\"} 0.0",
            "strata_failures_total{stage=\"apply\"} 1.0",
            "strata_cycle_stage_duration_seconds_bucket{stage=\"plan\",le=\"0.5\"} 1",
            "strata_cycle_stage_duration_seconds_sum{stage=\"plan\"} 0.3",
            "strata_last_successful_sync_timestamp_seconds 1.7955E9")) {
      assertTrue(samples.stream().anyMatch(s -> s.startsWith(needle)), needle + " in\n" + text);
    }
  }
}
