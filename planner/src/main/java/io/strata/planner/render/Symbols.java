package io.strata.planner.render;

import io.strata.planner.plan.Action;
import java.util.Set;

/**
 * The one-character, ASCII-only mark of each action in text and Markdown renderings:
 *
 * <pre>
 *   +  create        -  delete
 *   ~  resize        &gt;  connect (an initiator attaches)
 *   ~  update        &lt;  disconnect
 *   &#64;  snapshot (ZFS's own separator for snapshots)
 * </pre>
 *
 * ASCII so that they survive every terminal, log file and CI console.
 */
public final class Symbols {
  private Symbols() {}

  public static String of(Action a) {
    return switch (a) {
      case CREATE -> "+";
      case RESIZE, UPDATE -> "~";
      case DELETE -> "-";
      case CONNECT -> ">";
      case DISCONNECT -> "<";
      case SNAPSHOT -> "@";
    };
  }

  /** The legend line for the actions present, in Action order: {@code + create - delete}. */
  public static String legend(Set<Action> present) {
    StringBuilder s = new StringBuilder();
    for (Action a : Action.values()) {
      if (present.contains(a)) {
        s.append(s.length() == 0 ? "" : "  ").append(of(a)).append(' ').append(a.jsonName());
      }
    }
    return s.toString();
  }
}
