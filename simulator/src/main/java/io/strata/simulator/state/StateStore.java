package io.strata.simulator.state;

import java.util.function.Function;

/** Where the cluster state lives; every access is one transaction under the cluster lock. */
public interface StateStore {
  /**
   * Runs {@code work} with exclusive access to the state and persists what it changed. If {@code
   * work} throws, nothing it changed is kept.
   */
  <T> T transact(Function<ClusterState, T> work);

  /**
   * Like {@link #transact} for a command that only looks ({@link io.strata.simulator.Probes}): the
   * nodes it read are stored only if something in it said it changed the state ({@link
   * ClusterState#changed()}). Storing means encoding every touched node, which was two thirds of an
   * observation's CPU (decision 035).
   */
  default <T> T probe(Function<ClusterState, T> work) {
    return transact(work);
  }
}
