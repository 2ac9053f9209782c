package io.strata.simulator.state;

import java.util.TreeMap;

/** A zvol or a snapshot of one. */
public final class ZfsDataset {
  public String name;

  /** volume or snapshot. */
  public String type = "volume";

  public long volsize;
  public long volblocksize = 8192;
  public long refreservation;
  public long referenced = 57344;
  public long createTxg;

  /** The snapshot a clone was made from ({@code pool/vol@snap}); null for others. */
  public String origin;

  public TreeMap<String, String> userProps = new TreeMap<>();
  public Content content;
}
