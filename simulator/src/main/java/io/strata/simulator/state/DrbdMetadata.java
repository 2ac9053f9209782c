package io.strata.simulator.state;

/** DRBD 9 internal metadata at the end of a backing device. */
public final class DrbdMetadata {
  public int maxPeers;

  /** Data generation (stands for the current UUID); 0 means "just created". */
  public long gen;

  public boolean consistent;
}
