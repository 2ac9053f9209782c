package io.strata.planner.render;

import java.util.Map;

/** Whether a terminal rendering should use ANSI colours. */
public final class Terminal {
  private Terminal() {}

  /**
   * True when standard output is an interactive terminal, {@code NO_COLOR} is unset or empty (see
   * no-color.org) and {@code TERM} is not {@code dumb}.
   */
  public static boolean colorWanted() {
    return colorWanted(System.getenv(), System.console() != null);
  }

  /** The same decision from an explicit environment and TTY flag (for tests and callers). */
  public static boolean colorWanted(Map<String, String> env, boolean interactive) {
    String noColor = env.get("NO_COLOR");
    if (noColor != null && !noColor.isEmpty()) {
      return false;
    }
    if ("dumb".equals(env.get("TERM"))) {
      return false;
    }
    return interactive;
  }
}
