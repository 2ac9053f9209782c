package io.strata.executors.host;

import java.util.List;
import java.util.stream.Collectors;

/**
 * POSIX shell quoting. An SSH exec request carries one string that the remote user's login shell
 * parses, so each argv element is wrapped in single quotes (inside which nothing is special) and
 * every embedded single quote becomes {@code '\''}. The remote shell then sees exactly the argv.
 */
public final class ShellQuoting {
  private ShellQuoting() {}

  /** {@code it's} → {@code 'it'\''s'}; the empty string → {@code ''}. */
  public static String quote(String arg) {
    if (arg.indexOf('\0') >= 0) {
      // A NUL cannot be passed in an argv at all; refusing beats silently truncating.
      throw new IllegalArgumentException("argument contains a NUL byte, which no argv can carry");
    }
    return "'" + arg.replace("'", "'\\''") + "'";
  }

  /** Every element quoted, joined with single spaces. */
  public static String join(List<String> argv) {
    return argv.stream().map(ShellQuoting::quote).collect(Collectors.joining(" "));
  }
}
