package io.strata.reconciler.cli;

import io.strata.reconciler.cli.StatusView.NodeView;
import io.strata.reconciler.cli.StatusView.PoolView;
import io.strata.schema.model.Size;
import java.util.Locale;

/** The node and pool tables under {@code strata status}'s volume table. */
final class StatusText {
  private StatusText() {}

  static String nodesAndPools(StatusView view) {
    StringBuilder b = new StringBuilder("\n");
    String nodeFmt = "%-20s %-10s %s%n";
    b.append(String.format(nodeFmt, "NODE", "REACHABLE", "LAYERS FOUND"));
    for (NodeView n : view.nodes()) {
      b.append(
          String.format(
              nodeFmt,
              n.name(),
              n.reachable() ? "yes" : "no",
              n.reachable() ? String.join(", ", n.layers()) : n.message()));
    }
    if (view.pools().isEmpty()) {
      return b.toString();
    }
    b.append('\n');
    String poolFmt = "%-20s %-12s %-9s %-14s %-10s %-10s %-10s %-7s %s%n";
    b.append(
        String.format(
            poolFmt,
            "POOL",
            "NODE",
            "TYPE",
            "BACKING",
            "TOTAL",
            "FREE",
            "ALLOCATED",
            "USED",
            "OVERCOMMIT / LIMIT"));
    for (PoolView p : view.pools()) {
      b.append(
          String.format(
              poolFmt,
              p.name(),
              p.node(),
              p.type(),
              p.backing(),
              bytes(p.totalBytes()),
              bytes(p.freeBytes()),
              bytes(p.allocatedBytes()),
              p.usedPercent() == null
                  ? "-"
                  : String.format(Locale.ROOT, "%.0f%%", p.usedPercent())
                      + (p.overThreshold() ? "!" : ""),
              p.overcommitLimit() == null
                  ? "-"
                  : (p.overcommit() == null
                          ? "-"
                          : String.format(Locale.ROOT, "%.2f", p.overcommit()))
                      + String.format(Locale.ROOT, " / %.2f", p.overcommitLimit())));
    }
    if (view.pools().stream().anyMatch(PoolView::overThreshold)) {
      b.append("! at or past alerts.capacityThreshold\n");
    }
    return b.toString();
  }

  private static String bytes(Long b) {
    if (b == null) {
      return "not found";
    }
    return b <= 0 ? "0 B" : Size.ofBytes(b).human(); // Size holds positive sizes only
  }
}
