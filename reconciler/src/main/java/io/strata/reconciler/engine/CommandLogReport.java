package io.strata.reconciler.engine;

import io.strata.planner.render.ShellQuote;
import io.strata.simulator.CommandRecord;
import io.strata.simulator.SimulatedCluster;
import java.util.List;

/**
 * The simulated nodes' operation log as people and scripts read it ({@code strata sim log}): one
 * line per command or file operation, in the order they ran across every process sharing the
 * cluster (decision 015).
 */
public record CommandLogReport(List<CommandRecord> records) {
  public CommandLogReport {
    records = List.copyOf(records);
  }

  /** Only {@code node}'s operations (all with null). */
  public CommandLogReport node(String node) {
    return node == null
        ? this
        : new CommandLogReport(records.stream().filter(r -> r.node().equals(node)).toList());
  }

  /** {@code #12 alpha: lvcreate -L 1g vg0}, {@code #13 alpha: write /etc/drbd.d/pg.res}. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    for (CommandRecord r : records) {
      sb.append('#').append(r.seq()).append(' ').append(r.node()).append(": ");
      List<String> a = r.argv();
      if (a.size() == 2 && a.get(0).equals("writeFile")) {
        sb.append("write ").append(ShellQuote.quote(a.get(1)));
      } else if (a.size() == 2 && a.get(0).equals("deleteFile")) {
        sb.append("rm ").append(ShellQuote.quote(a.get(1)));
      } else {
        sb.append(ShellQuote.join(a));
        if (r.exitCode() != 0) {
          sb.append("  (exit ").append(r.exitCode()).append(r.injected() ? ", injected" : "");
          sb.append(')');
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** One JSON object per line: {@code {"seq", "node", "argv", "exit"}} or {@code "write"}. */
  public String jsonLines() {
    StringBuilder sb = new StringBuilder();
    records.forEach(r -> sb.append(SimulatedCluster.jsonLine(r)).append('\n'));
    return sb.toString();
  }
}
