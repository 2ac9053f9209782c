package io.strata.planner.render;

import io.strata.planner.plan.Change;
import io.strata.planner.plan.CommandPreview;
import java.util.List;

/**
 * One node's {@code <details>} block of the Markdown rendering, in three sizes: {@link #full}
 * (table and commands), {@link #withoutCommands} and {@link #collapsed} (one line). The renderer
 * picks the smallest needed to fit the comment limit.
 */
final class NodeSection {
  final String node;
  final int changes;
  final int commands;
  final String full;
  final String withoutCommands;
  final String collapsed;

  /** 0 full, 1 without commands, 2 collapsed. */
  int level;

  NodeSection(String node, List<Change> nodeChanges, CommandPreview preview) {
    this.node = node;
    this.changes = nodeChanges.size();
    String open =
        "<details><summary>"
            + MarkdownText.html(node)
            + " — "
            + changes
            + (changes == 1 ? " change" : " changes")
            + "</summary>\n\n";
    String table = table(nodeChanges);
    StringBuilder cmds = new StringBuilder();
    int count = 0;
    for (Change c : nodeChanges) {
      List<List<String>> argvs = preview.commands(c);
      if (argvs.isEmpty()) {
        continue;
      }
      cmds.append("# ").append(c.id().replace('\n', ' ')).append('\n');
      for (List<String> argv : argvs) {
        cmds.append(ShellQuote.join(argv)).append('\n');
        count++;
      }
    }
    this.commands = count;
    String block = "";
    if (count > 0) {
      String fence = MarkdownText.fence(cmds.toString());
      block = fence + "sh\n" + cmds + fence + "\n\n";
    }
    String close = "</details>\n\n";
    this.full = open + table + block + close;
    this.withoutCommands =
        count == 0 ? full : open + table + "_(" + plural(count, "command") + omitted() + close;
    this.collapsed =
        open
            + "_("
            + plural(changes, "change")
            + (count > 0 ? " and " + plural(count, "command") : "")
            + omitted()
            + close;
  }

  private static String omitted() {
    return " omitted — run `strata plan` to see them)_\n\n";
  }

  static String plural(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  String text() {
    return level == 0 ? full : level == 1 ? withoutCommands : collapsed;
  }

  private static String table(List<Change> changes) {
    StringBuilder t = new StringBuilder();
    t.append("| | action | volume | layer | object | size | details | reason |\n");
    t.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (Change c : changes) {
      t.append("| ")
          .append(MarkdownText.code(Symbols.of(c.action()), true))
          .append(" | ")
          .append(c.action().jsonName())
          .append(" | ")
          .append(MarkdownText.text(c.volume()))
          .append(" | ")
          .append(c.layer().yamlName())
          .append(" | ")
          .append(MarkdownText.code(c.object(), true))
          .append(" | ")
          .append(c.size() == null ? "" : SizeText.of(c.size(), "→"))
          .append(" | ")
          .append(c.spec() == null ? "" : MarkdownText.text(Details.of(c.spec())))
          .append(" | ")
          .append(MarkdownText.text(c.reason()))
          .append(" |\n");
    }
    return t.append('\n').toString();
  }
}
