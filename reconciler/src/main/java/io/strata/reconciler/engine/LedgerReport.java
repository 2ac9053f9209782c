package io.strata.reconciler.engine;

import io.strata.simulator.state.LedgerEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulated cluster's data ledger as people and scripts read it: one sentence per data-loss
 * event, or JSON ({@code strata.ledger/v1}). Authorized destructions (deletions Git asked for) are
 * counted, not listed as losses.
 */
public record LedgerReport(List<LedgerEvent> dataLoss, long authorized) {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  public LedgerReport {
    dataLoss = List.copyOf(dataLoss);
  }

  static LedgerReport of(List<LedgerEvent> ledger) {
    return new LedgerReport(
        ledger.stream().filter(LedgerEvent::dataLoss).toList(),
        ledger.stream().filter(e -> !e.dataLoss()).count());
  }

  /** "#3 beta: /dev/vg0/pg_00000 lost its data (generation 7) to lvremove: lvremove -y …". */
  public static String line(LedgerEvent e) {
    return "#%d %s: %s lost its data (generation %d) to %s: %s"
        .formatted(e.seq(), e.node(), e.device(), e.generation(), e.operation(), e.command());
  }

  public List<String> lines() {
    return dataLoss.stream().map(LedgerReport::line).toList();
  }

  public String text() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        dataLoss.isEmpty() ? "no data-loss events" : dataLoss.size() + " data-loss event(s):");
    sb.append('\n');
    lines().forEach(l -> sb.append("  ").append(l).append('\n'));
    if (authorized > 0) {
      sb.append(authorized).append(" authorized deletion(s) (asked for by Git), not data loss\n");
    }
    return sb.toString();
  }

  public String json() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", "strata.ledger/v1");
    root.put(
        "dataLoss",
        dataLoss.stream()
            .map(
                e -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("seq", e.seq());
                  m.put("node", e.node());
                  m.put("device", e.device());
                  m.put("operation", e.operation());
                  m.put("command", e.command());
                  m.put("generation", e.generation());
                  return m;
                })
            .toList());
    root.put("authorizedDeletions", authorized);
    return JSON.writeValueAsString(root) + "\n";
  }
}
