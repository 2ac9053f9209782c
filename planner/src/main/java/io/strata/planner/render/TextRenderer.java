package io.strata.planner.render;

import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.CommandPreview;
import io.strata.planner.plan.Divergence;
import io.strata.planner.plan.Plan;
import io.strata.planner.plan.Refusal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The terminal rendering, Terraform-like: a header, then per volume (sorted by name) one line per
 * change in plan order — {@link Symbols symbol}, node, layer, object, size, details — with the
 * reason as a {@code #} comment and the commands as {@code $} lines beneath; then refusals and
 * warnings; and a last line {@code Plan: N to create, …} (or {@code No changes. The cluster matches
 * the manifests.}). ANSI colours only when asked: the caller decides with {@link
 * Terminal#colorWanted()}.
 */
public final class TextRenderer {
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String DIM = "\u001b[2m";
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String MAGENTA = "\u001b[35m";
  private static final String CYAN = "\u001b[36m";

  /** Above this many volumes the plan lists one line per volume unless {@code verbose}. */
  public static final int SUMMARY_ABOVE_VOLUMES = 50;

  private final boolean color;
  private final boolean verbose;
  private final StringBuilder out = new StringBuilder(4096);

  private TextRenderer(boolean color, boolean verbose) {
    this.color = color;
    this.verbose = verbose;
  }

  /** The whole rendering, lines ending in {@code \n}. */
  public static String render(Plan plan, CommandPreview preview, boolean color) {
    return render(plan, preview, color, false);
  }

  /**
   * The whole rendering; a plan touching more than {@link #SUMMARY_ABOVE_VOLUMES} volumes is
   * summarised per volume (one line, no commands) unless {@code verbose}: nobody reviews thousands
   * of commands, but everyone can scan what happens to which volume.
   */
  public static String render(Plan plan, CommandPreview preview, boolean color, boolean verbose) {
    return new TextRenderer(color, verbose).plan(plan, preview);
  }

  private String plan(Plan plan, CommandPreview preview) {
    line(paint(BOLD, "Strata plan " + commitText(plan.commit())));
    if (plan.fingerprint() != null) {
      line("Observed state: " + plan.fingerprint());
    }
    line("");
    if (!plan.changes().isEmpty()) {
      Set<Action> present = EnumSet.noneOf(Action.class);
      plan.changes().forEach(c -> present.add(c.action()));
      line("Symbols: " + Symbols.legend(present));
      line("");
      Map<String, List<Change>> volumes = byVolume(plan.changes());
      boolean summarise = !verbose && volumes.size() > SUMMARY_ABOVE_VOLUMES;
      for (Map.Entry<String, List<Change>> v : volumes.entrySet()) {
        if (summarise) {
          volumeSummary(v.getKey(), v.getValue());
        } else {
          volume(v.getKey(), v.getValue(), preview);
        }
      }
      if (summarise) {
        line("");
        line(
            paint(
                DIM,
                "("
                    + volumes.size()
                    + " volumes, one line each; strata plan --verbose lists every change and"
                    + " command)"));
        line("");
      }
    }
    CostText.text(plan, this::line);
    refusals(plan.refused());
    divergences(plan.divergences());
    warnings(plan.warnings());
    if (plan.changes().isEmpty() && plan.refused().isEmpty()) {
      line(paint(GREEN, "No changes.") + " " + MarkdownRenderer.noChanges(plan));
    } else {
      line(paint(BOLD, summaryLine(plan)));
    }
    return out.toString();
  }

  static String commitText(String commit) {
    if (commit == null) {
      return "(manifests not from a Git commit)";
    }
    return "for commit " + (commit.matches("[0-9a-f]{40}") ? commit.substring(0, 12) : commit);
  }

  /** {@code Plan: 1 to create, …, 0 to disconnect.} plus snapshots and refusals when present. */
  static String summaryLine(Plan plan) {
    Map<String, Integer> s = plan.summary();
    StringBuilder b = new StringBuilder("Plan: ");
    List<String> parts = new ArrayList<>();
    for (Action a : Action.values()) {
      int n = s.get(a.jsonName());
      if (a != Action.SNAPSHOT || n > 0) {
        parts.add(n + " to " + a.jsonName());
      }
    }
    b.append(String.join(", ", parts)).append('.');
    if (!plan.refused().isEmpty()) {
      b.append(' ').append(plan.refused().size()).append(" refused.");
    }
    return b.toString();
  }

  static Map<String, List<Change>> byVolume(List<Change> changes) {
    Map<String, List<Change>> m = new TreeMap<>();
    for (Change c : changes) {
      m.computeIfAbsent(c.volume() == null ? "-" : c.volume(), k -> new ArrayList<>()).add(c);
    }
    return m;
  }

  private void volume(String name, List<Change> changes, CommandPreview preview) {
    line(paint(BOLD, "Volume " + name));
    int nodeWidth = 1;
    for (Change c : changes) {
      nodeWidth = Math.max(nodeWidth, nodeOf(c).length());
    }
    for (Change c : changes) {
      StringBuilder l = new StringBuilder("  ");
      l.append(paint(colorOf(c.action()), Symbols.of(c.action())))
          .append(' ')
          .append(pad(nodeOf(c), nodeWidth))
          .append("  ")
          .append(pad(c.layer().yamlName(), 7))
          .append("  ")
          .append(paint(colorOf(c.action()), c.object() == null ? "-" : c.object()));
      if (c.size() != null) {
        l.append("  ").append(SizeText.of(c.size(), "->"));
      }
      String details = c.spec() == null ? "" : Details.of(c.spec());
      if (!details.isEmpty()) {
        l.append("  (").append(details).append(')');
      }
      line(l.toString());
      if (c.reason() != null && !c.reason().isEmpty()) {
        line("      " + paint(DIM, "# " + c.reason()));
      }
      for (List<String> argv : preview.commands(c)) {
        line("      $ " + ShellQuote.join(argv));
      }
    }
    line("");
  }

  /** {@code pg-data: + 2 create, ~ 1 update on alpha, beta}. */
  private void volumeSummary(String name, List<Change> changes) {
    Map<Action, Integer> counts = new EnumMap<>(Action.class);
    Set<String> nodes = new TreeSet<>();
    for (Change c : changes) {
      counts.merge(c.action(), 1, Integer::sum);
      nodes.add(nodeOf(c));
    }
    List<String> parts = new ArrayList<>();
    counts.forEach(
        (a, n) -> parts.add(paint(colorOf(a), Symbols.of(a)) + " " + n + " " + a.jsonName()));
    line(
        "  "
            + paint(BOLD, name)
            + ": "
            + String.join(", ", parts)
            + " on "
            + String.join(", ", nodes));
  }

  private void refusals(List<Refusal> refused) {
    if (refused.isEmpty()) {
      return;
    }
    line(paint(BOLD + RED, "Refused (" + refused.size() + "):"));
    for (Refusal r : refused) {
      String where = r.node() == null ? r.volume() : r.volume() + " on " + r.node();
      line("  " + paint(RED, "! " + where) + ": " + r.reason());
    }
    line("");
  }

  private void divergences(List<Divergence> divergences) {
    if (divergences.isEmpty()) {
      return;
    }
    line(paint(BOLD + YELLOW, MarkdownRenderer.DIVERGED + " (" + divergences.size() + "):"));
    for (Divergence d : divergences) {
      line("  " + paint(YELLOW, "~ " + d.volume() + " on " + d.node()) + ": " + d.detail());
    }
    line("");
  }

  private void warnings(List<String> warnings) {
    if (warnings.isEmpty()) {
      return;
    }
    line(paint(BOLD + YELLOW, "Warnings (" + warnings.size() + "):"));
    for (String w : warnings) {
      line("  " + paint(YELLOW, "!") + " " + w);
    }
    line("");
  }

  private static String nodeOf(Change c) {
    return c.node() == null ? "-" : c.node();
  }

  private static String colorOf(Action a) {
    return switch (a) {
      case CREATE -> GREEN;
      case RESIZE, UPDATE -> YELLOW;
      case DELETE -> RED;
      case CONNECT, DISCONNECT -> CYAN;
      case SNAPSHOT -> MAGENTA;
    };
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  private String paint(String code, String text) {
    return color ? code + text + RESET : text;
  }

  private void line(String s) {
    out.append(s).append('\n');
  }
}
