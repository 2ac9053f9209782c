package io.strata.schema.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * One edit of a text file, what a careless hand or a bad merge does: {@code kind} 0 drops a line, 1
 * duplicates one, 2 replaces one with {@code text}, 3 inserts {@code text} into one, 4 swaps two, 5
 * re-indents one, anything else truncates the file. The fuzzers of manifests and of {@code
 * strata.yaml} mutate their seeds with it.
 */
public record TextEdit(int kind, int at, int other, String text) {
  public String apply(String base) {
    List<String> lines = new ArrayList<>(List.of(base.split("\n", -1)));
    int i = Math.floorMod(at, lines.size());
    int j = Math.floorMod(other, lines.size());
    switch (kind) {
      case 0 -> lines.remove(i);
      case 1 -> lines.add(i, lines.get(j));
      case 2 -> lines.set(i, text);
      case 3 -> {
        String l = lines.get(i);
        int c = Math.floorMod(other, l.length() + 1);
        lines.set(i, l.substring(0, c) + text + l.substring(c));
      }
      case 4 -> {
        String t = lines.get(i);
        lines.set(i, lines.get(j));
        lines.set(j, t);
      }
      case 5 -> lines.set(i, "  ".repeat(Math.floorMod(other, 5)) + lines.get(i).strip());
      default -> {
        int cut = Math.floorMod(at, base.length() + 1);
        return base.substring(0, cut); // truncated, as by a full disk or an aborted write
      }
    }
    return String.join("\n", lines);
  }
}
