package io.strata.planner.plan;

import java.util.List;

/**
 * The UpToDate replicas of one replicated volume: {@code before} the plan, the {@code minimum} at
 * any step of it (until its resyncs finish, whatever order the runner picks among independent
 * changes), and {@code after} every resync finished. {@code causes} explain a minimum below {@code
 * before} ("beta removed", "grow: peers resync 10 GiB").
 */
public record Redundancy(String volume, int before, int minimum, int after, List<String> causes) {
  public Redundancy {
    causes = List.copyOf(causes);
  }

  /** Whether the plan lowers the volume's redundancy at some step. */
  public boolean atRisk() {
    return minimum < before;
  }
}
