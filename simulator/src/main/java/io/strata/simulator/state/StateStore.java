package io.strata.simulator.state;

import java.util.function.Function;

/** Where the cluster state lives; every access is one transaction under the cluster lock. */
public interface StateStore {
  /**
   * Runs {@code work} with exclusive access to the state and persists what it changed. If {@code
   * work} throws, nothing it changed is kept.
   */
  <T> T transact(Function<ClusterState, T> work);
}
