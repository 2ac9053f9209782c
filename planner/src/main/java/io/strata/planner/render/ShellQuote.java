package io.strata.planner.render;

import java.util.List;
import java.util.regex.Pattern;

/**
 * POSIX shell quoting, the one quoter: for people reading a plan's commands (unambiguous,
 * copy-pasteable), and for an SSH exec request, which carries one string that the remote login
 * shell parses back into exactly the argv. Strata never builds a command line any other way.
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
    if (arg.indexOf('\0') >= 0) {
      // A NUL cannot be passed in an argv at all; refusing beats silently truncating.
      throw new IllegalArgumentException("argument contains a NUL byte, which no argv can carry");
    }
    if (!arg.isEmpty() && SAFE.matcher(arg).matches()) {
      return arg;
    }
    return "'" + arg.replace("'", "'\\''") + "'";
  }
}
