package io.strata.planner.render;

import java.util.List;

/**
 * A titled Markdown list (destroys, refusals, warnings) that can drop its tail to fit the comment
 * limit, ending then with a line that says how many items were left out.
 */
final class ListSection {
  final String noun;
  private final String title;
  private final List<String> items;
  private int kept;
  private int length;

  ListSection(String title, String noun, List<String> items) {
    this.title = title;
    this.noun = noun;
    this.items = List.copyOf(items);
    this.kept = items.size();
    this.length = text().length();
  }

  int length() {
    return length;
  }

  int dropped() {
    return items.size() - kept;
  }

  /** Drops items from the end until {@code total} fits {@code budget}; returns the new total. */
  long shrinkTo(long total, long budget) {
    if (total <= budget || kept == 0) {
      return total;
    }
    // Lengths by arithmetic: rebuilding the text per dropped item is quadratic for long lists.
    long rest = total - length;
    long body = length - heading().length() - 1L - more().length();
    while (kept > 0 && rest + heading().length() + body + more().length() + 1 > budget) {
      kept--;
      body -= items.get(kept).length();
    }
    length = text().length();
    return rest + length;
  }

  private String heading() {
    return "#### " + title + " (" + items.size() + ")\n\n";
  }

  private String more() {
    return kept < items.size()
        ? "- _…and " + (items.size() - kept) + " more (run `strata plan` to see them all)_\n"
        : "";
  }

  String text() {
    if (items.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder(heading());
    for (int i = 0; i < kept; i++) {
      b.append(items.get(i));
    }
    return b.append(more()).append('\n').toString();
  }
}
