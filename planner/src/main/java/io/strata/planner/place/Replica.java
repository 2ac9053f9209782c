package io.strata.planner.place;

import io.strata.schema.model.ProviderType;

/**
 * A diskful replica of a volume on {@code node}: where its storage lives ({@code container} is the
 * VG or zpool, {@code thinPool} set for lvm-thin), and what is known about it. {@code pool} is the
 * StoragePool name from Git, or null when the observed storage matches no pool in Git.
 */
public record Replica(
    String node,
    String pool,
    ProviderType provider,
    String container,
    String thinPool,
    long extentSize,
    State state) {

  /** What is known about this replica. */
  public enum State {
    /** Owned storage observed on a reachable node. */
    OBSERVED,
    /** Placed by this plan. */
    NEW,
    /**
     * Listed as diskful in the DRBD config, but the node's storage is missing (heal re-creates).
     */
    MISSING,
    /** On a node that could not be observed: kept, never touched. */
    UNKNOWN,
    /** On a node that is no longer in Git: kept in the peers' config until replaced. */
    LOST
  }

  /** Whether Strata may run commands for this replica on its node. */
  public boolean touchable() {
    return state == State.OBSERVED || state == State.NEW || state == State.MISSING;
  }

  public String storageDisplay(String storageName) {
    return container + "/" + storageName;
  }
}
