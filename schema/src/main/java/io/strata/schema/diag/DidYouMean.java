package io.strata.schema.diag;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Suggests the closest allowed name for a misspelt one (edit distance, case-insensitive). */
public final class DidYouMean {
  private DidYouMean() {}

  /**
   * The candidate closest to {@code given}, if it is close enough to be a plausible typo: at most a
   * third of the longer name's length, and never more than 3 edits. Ties go to the name that sorts
   * first, so the suggestion is deterministic.
   */
  public static Optional<String> suggest(String given, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates.stream().sorted().toList()) {
      int d = distance(given.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
      int limit = Math.min(3, Math.max(1, Math.max(given.length(), c.length()) / 3));
      if (d <= limit && d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** " — did you mean 'x'?" or {@code otherwise} when nothing is close. */
  public static String hint(String given, Collection<String> candidates, String otherwise) {
    return suggest(given, candidates).map(s -> "did you mean '" + s + "'?").orElse(otherwise);
  }

  /** Optimal string alignment distance: Levenshtein plus adjacent transpositions (drdb → drbd). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
