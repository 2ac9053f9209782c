package io.strata.simulator.state;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.TreeMap;

/** A zvol, a snapshot of one, or a filesystem dataset that holds zvols ({@code tank/strata}). */
public final class ZfsDataset {
  public String name;

  /** volume, snapshot or filesystem. */
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

  /** A filesystem dataset, as {@code zfs create NAME} makes one (its own metadata referenced). */
  public static ZfsDataset filesystem(String name) {
    ZfsDataset d = new ZfsDataset();
    d.name = name;
    d.type = "filesystem";
    d.volblocksize = 0;
    d.referenced = 98304;
    return d;
  }

  @JsonIgnore
  public boolean isFilesystem() {
    return "filesystem".equals(type);
  }
}
