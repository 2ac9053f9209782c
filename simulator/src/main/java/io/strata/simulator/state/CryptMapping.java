package io.strata.simulator.state;

/** An open dm-crypt mapping {@code /dev/mapper/<name>}. */
public final class CryptMapping {
  public String name;

  /** Canonical path of the backing device. */
  public String device;

  public int dmMinor;
  public boolean readOnly;
  public boolean discards;
}
