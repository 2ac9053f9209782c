package io.strata.planner.plan;

import java.util.Locale;

/**
 * The closed set of things a Change does. Rendered lower-case in the plan JSON ({@code "create"}).
 */
public enum Action {
  CREATE,
  RESIZE,
  UPDATE,
  DELETE,
  CONNECT,
  DISCONNECT,
  SNAPSHOT;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether this action can destroy data (used for the blast-radius guard and for "destroys
   * first").
   */
  public boolean destructive() {
    return this == DELETE;
  }
}
