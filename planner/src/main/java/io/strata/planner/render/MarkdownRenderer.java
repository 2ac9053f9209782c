package io.strata.planner.render;

import io.strata.planner.plan.Change;
import io.strata.planner.plan.CommandPreview;
import io.strata.planner.plan.Divergence;
import io.strata.planner.plan.Plan;
import io.strata.planner.plan.Refusal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * The pull-request comment: a hidden marker {@value #MARKER} (so a CI bot finds and updates its own
 * comment), a heading with the commit, a summary table, then destruction first ({@code ⚠
 * Destroys}), refusals, warnings, the cost (data movement, redundancy, pool capacity), and per node
 * a {@code <details>} block with a table of changes and the commands (shell-quoted for reading).
 *
 * <p>The result is always shorter than {@value #LIMIT} characters (GitHub rejects comments over
 * 65,536). When the full rendering is longer it is folded, least useful first, until it fits, and a
 * note at the top says what was left out: first the commands of the longest node sections, then
 * those sections' tables, then whole node sections from the end, and last the tail of the warnings,
 * refusals and destroys lists (whose totals stay in the summary table).
 */
public final class MarkdownRenderer {
  public static final String MARKER = "<!-- strata-plan -->";
  public static final int LIMIT = 60_000;

  /** Room kept for the fold note and the "more nodes" line once folding starts. */
  private static final int RESERVE = 1_000;

  private MarkdownRenderer() {}

  public static String render(Plan plan, CommandPreview preview) {
    return render(plan, preview, LIMIT);
  }

  /** With another limit (tests; other forges). */
  static String render(Plan plan, CommandPreview preview, int limit) {
    String head = MARKER + "\n### Strata plan " + headingCommit(plan.commit()) + "\n\n";
    String top = summaryTable(plan) + fingerprint(plan);
    ListSection destroys = destroys(plan.changes());
    ListSection refused = refusals(plan.refused());
    ListSection diverged = divergences(plan.divergences());
    ListSection warnings = warnings(plan.warnings());
    List<NodeSection> nodes = new ArrayList<>();
    for (Map.Entry<String, List<Change>> e : byNode(plan.changes()).entrySet()) {
      nodes.add(new NodeSection(e.getKey(), e.getValue(), preview));
    }
    String nodesHeading = nodes.isEmpty() ? "" : "#### Changes by node\n\n";
    String tail = tail(plan);
    String cost = CostText.markdown(plan); // bounded: at most MAX_ROWS rows per table

    long fixed =
        head.length() + top.length() + cost.length() + nodesHeading.length() + tail.length();
    long total =
        fixed + destroys.length() + refused.length() + diverged.length() + warnings.length();
    for (NodeSection n : nodes) {
      total += n.text().length();
    }
    Fold fold = new Fold(nodes.size());
    if (total >= limit) {
      long budget = limit - RESERVE;
      total = foldNodes(nodes, total, budget, fold);
      int kept = nodes.size();
      while (total > budget && kept > 0) {
        kept--;
        total -= nodes.get(kept).text().length();
        fold.nodesDropped++;
        fold.changesDropped += nodes.get(kept).changes;
      }
      nodes = nodes.subList(0, kept);
      for (ListSection list : List.of(warnings, diverged, refused, destroys)) {
        total = list.shrinkTo(total, budget);
      }
    }
    StringBuilder md = new StringBuilder((int) Math.min(total + RESERVE, Integer.MAX_VALUE));
    md.append(head).append(fold.note(limit, destroys, refused, diverged, warnings)).append(top);
    md.append(destroys.text()).append(refused.text()).append(diverged.text());
    md.append(warnings.text());
    md.append(cost);
    md.append(nodesHeading);
    nodes.forEach(n -> md.append(n.text()));
    if (fold.nodesDropped > 0) {
      md.append("_…and ")
          .append(NodeSection.plural(fold.nodesDropped, "more node"))
          .append(" with ")
          .append(NodeSection.plural(fold.changesDropped, "change"))
          .append(" (omitted — run `strata plan` to see them)_\n\n");
    }
    md.append(tail);
    if (md.length() >= limit) {
      // Only reachable with absurd single values (a commit id of 60,000 characters): cut hard.
      md.setLength(limit - 40);
      md.append("\n\n_(truncated)_\n");
    }
    return md.toString();
  }

  /** Folds commands, then tables, longest section first; returns the new total. */
  private static long foldNodes(List<NodeSection> nodes, long total, long budget, Fold fold) {
    for (int level = 1; level <= 2 && total > budget; level++) {
      PriorityQueue<NodeSection> longest =
          new PriorityQueue<>(
              Comparator.comparingInt((NodeSection n) -> n.text().length())
                  .reversed()
                  .thenComparing(n -> n.node));
      for (NodeSection n : nodes) {
        if (n.level == level - 1) {
          longest.add(n);
        }
      }
      while (total > budget && !longest.isEmpty()) {
        NodeSection n = longest.poll();
        int before = n.text().length();
        n.level = level;
        total += n.text().length() - before;
        if (level == 1 && n.commands > 0) {
          fold.commandsFolded++;
        } else if (level == 2) {
          fold.tablesFolded++;
        }
      }
    }
    return total;
  }

  private static String headingCommit(String commit) {
    if (commit == null) {
      return "(manifests not from a Git commit)";
    }
    String shown = commit.matches("[0-9a-f]{40}") ? commit.substring(0, 12) : commit;
    return "for commit " + MarkdownText.code(shown, false);
  }

  private static String summaryTable(Plan plan) {
    Map<String, Integer> s = plan.summary();
    StringBuilder head = new StringBuilder("|");
    StringBuilder rule = new StringBuilder("|");
    StringBuilder row = new StringBuilder("|");
    for (Map.Entry<String, Integer> e : s.entrySet()) {
      head.append(' ').append(e.getKey()).append(" |");
      rule.append(" ---: |");
      row.append(' ').append(e.getValue()).append(" |");
    }
    return head + "\n" + rule + "\n" + row + "\n\n";
  }

  private static String fingerprint(Plan plan) {
    return plan.fingerprint() == null
        ? ""
        : "Observed state: " + MarkdownText.code(plan.fingerprint(), false) + "\n\n";
  }

  private static String tail(Plan plan) {
    if (plan.changes().isEmpty() && plan.refused().isEmpty()) {
      return "**No changes.** " + noChanges(plan) + "\n";
    }
    return "**" + TextRenderer.summaryLine(plan) + "**\n";
  }

  private static ListSection destroys(List<Change> changes) {
    List<String> items = new ArrayList<>();
    for (Change c : changes) {
      if (c.action().destructive()) {
        items.add(
            "- **"
                + MarkdownText.text(c.node())
                + "**: "
                + MarkdownText.code(c.object(), false)
                + " (volume "
                + MarkdownText.code(c.volume(), false)
                + ", "
                + c.layer().yamlName()
                + ") — "
                + MarkdownText.text(c.reason())
                + "\n");
      }
    }
    return new ListSection("⚠ Destroys", "delete", items);
  }

  private static ListSection refusals(List<Refusal> refused) {
    List<String> items = new ArrayList<>();
    for (Refusal r : refused) {
      String where =
          "**"
              + MarkdownText.text(r.volume())
              + "**"
              + (r.node() == null ? "" : " on " + MarkdownText.text(r.node()));
      items.add("- " + where + " — " + MarkdownText.text(r.reason()) + "\n");
    }
    return new ListSection("Refused", "refusal", items);
  }

  /** Title of the divergences section (decision 007). */
  static final String DIVERGED = "Differs from Git, left as is";

  /** What follows "No changes.": the cluster matches, or differs only where Strata never acts. */
  static String noChanges(Plan plan) {
    return plan.divergences().isEmpty()
        ? "The cluster matches the manifests."
        : "The cluster differs from the manifests only where Strata never changes it (above).";
  }

  private static ListSection divergences(List<Divergence> divergences) {
    List<String> items = new ArrayList<>();
    for (Divergence d : divergences) {
      items.add(
          "- **"
              + MarkdownText.text(d.volume())
              + "** on "
              + MarkdownText.text(d.node())
              + " — "
              + MarkdownText.text(d.detail())
              + "\n");
    }
    return new ListSection(DIVERGED, "divergence", items);
  }

  private static ListSection warnings(List<String> warnings) {
    List<String> items = new ArrayList<>();
    for (String w : warnings) {
      items.add("- " + MarkdownText.text(w) + "\n");
    }
    return new ListSection("Warnings", "warning", items);
  }

  /** Changes grouped by node (sorted), each group in plan order. */
  private static Map<String, List<Change>> byNode(List<Change> changes) {
    Map<String, List<Change>> m = new TreeMap<>();
    for (Change c : changes) {
      m.computeIfAbsent(c.node() == null ? "-" : c.node(), k -> new ArrayList<>()).add(c);
    }
    return m;
  }

  /** Counts of what folding left out, for the note at the top. */
  private static final class Fold {
    final int nodes;
    int commandsFolded;
    int tablesFolded;
    int nodesDropped;
    int changesDropped;

    Fold(int nodes) {
      this.nodes = nodes;
    }

    String note(int limit, ListSection... lists) {
      List<String> what = new ArrayList<>();
      if (commandsFolded > 0) {
        what.add("commands of " + NodeSection.plural(commandsFolded, "node") + " omitted");
      }
      if (tablesFolded > 0) {
        what.add("changes of " + NodeSection.plural(tablesFolded, "node") + " not listed");
      }
      if (nodesDropped > 0) {
        what.add(NodeSection.plural(nodesDropped, "node") + " of " + nodes + " not shown");
      }
      for (ListSection l : lists) {
        if (l.dropped() > 0) {
          what.add(NodeSection.plural(l.dropped(), l.noun) + " not listed");
        }
      }
      if (what.isEmpty()) {
        return "";
      }
      return "> **This plan was folded to fit in one comment** (limit "
          + String.format(Locale.ROOT, "%,d", limit)
          + " characters): "
          + String.join("; ", what)
          + ". The summary counts everything. Run `strata plan` to see the whole plan.\n\n";
    }
  }
}
