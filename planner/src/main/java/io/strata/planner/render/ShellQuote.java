package io.strata.planner.render;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders an argv as one POSIX-shell line, for people to read. Strata never runs commands through a
 * shell; this only makes a shown command unambiguous (and copy-pasteable when debugging by hand).
 */
public final class ShellQuote {
  /** Characters that never need quoting in a POSIX shell word. */
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private ShellQuote() {}

  /** {@code ["lvcreate", "-n", "a b"]} → {@code lvcreate -n 'a b'}. */
  public static String join(List<String> argv) {
    StringBuilder out = new StringBuilder();
    for (String arg : argv) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(quote(arg));
    }
    return out.toString();
  }

  /**
   * One word: as is when every character is safe, otherwise in single quotes, with each {@code '}
   * written as {@code '\''}.
   */
  public static String quote(String arg) {
    if (!arg.isEmpty() && SAFE.matcher(arg).matches()) {
      return arg;
    }
    return "'" + arg.replace("'", "'\\''") + "'";
  }
}
