package io.strata.simulator.state;

/**
 * The cluster-wide counters ({@code counters.json}): content generations and DRBD data generations.
 * A few bytes, written by most mutating commands.
 */
public final class Counters extends MetaPart {
  public long nextGeneration = 1;
  public long drbdGeneration = 4;

  /** A new content generation (unique in the cluster). */
  public long newGeneration() {
    changed();
    return nextGeneration++;
  }

  /** A new DRBD data generation, higher than every earlier one (a higher one wins a resync). */
  public long newDrbdGeneration() {
    changed();
    drbdGeneration += 2;
    return drbdGeneration;
  }
}
