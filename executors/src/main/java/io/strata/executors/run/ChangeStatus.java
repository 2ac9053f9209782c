package io.strata.executors.run;

/** How a change ended in a run. */
public enum ChangeStatus {
  SUCCEEDED,
  FAILED,
  /** Not attempted: a dependency failed, its node became unreachable, or the run stopped. */
  SKIPPED
}
