package io.strata.planner.dag;

import java.util.List;

/**
 * Thrown when a graph is not acyclic; {@link #cycle()} lists one cycle, first key repeated last.
 */
public final class CycleException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<?> cycle;

  public CycleException(List<?> cycle) {
    super("dependency cycle: " + String.join(" -> ", cycle.stream().map(String::valueOf).toList()));
    this.cycle = List.copyOf(cycle);
  }

  public List<?> cycle() {
    return cycle;
  }
}
