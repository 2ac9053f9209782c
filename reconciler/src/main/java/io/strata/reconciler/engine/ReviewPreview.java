package io.strata.reconciler.engine;

import io.strata.planner.plan.Change;
import io.strata.planner.plan.CommandPreview;
import io.strata.simulator.Probes;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The commands as a reviewer reads them in the text and Markdown plans: the read-only probes that
 * precede every mutation are left out (unless asked for) and LVM's per-command device filter is
 * abbreviated — neither changes anything, and both drown the commands that do. The JSON plan keeps
 * the full argv.
 */
record ReviewPreview(CommandPreview full, boolean showProbes) implements CommandPreview {
  private static final Pattern FILTER = Pattern.compile("filter=\\[.*\\]");

  @Override
  public List<List<String>> commands(Change change) {
    return full.commands(change).stream()
        .filter(argv -> showProbes || !Probes.readOnly(argv))
        .map(ReviewPreview::abbreviate)
        .toList();
  }

  private static List<String> abbreviate(List<String> argv) {
    return argv.stream()
        .map(a -> a.startsWith("devices {") ? FILTER.matcher(a).replaceAll("filter=[ … ]") : a)
        .toList();
  }
}
