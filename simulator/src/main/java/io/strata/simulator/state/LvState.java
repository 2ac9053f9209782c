package io.strata.simulator.state;

import java.util.TreeSet;

/** One logical volume. */
public final class LvState {
  /** linear, thin-pool, thin, snapshot (thick COW). */
  public String kind = "linear";

  public String name;

  /** Extents allocated from the VG (0 for thin volumes). */
  public long extents;

  /** Size as lvs reports it: allocated size, or the virtual size of a thin volume. */
  public long sizeBytes;

  public String pool = "";
  public String origin = "";
  public TreeSet<String> tags = new TreeSet<>();
  public boolean active = true;
  public boolean skipActivation;
  public boolean readOnly;
  public boolean zero = true;
  public String uuid;
  public Content content;

  public boolean thinPool() {
    return "thin-pool".equals(kind);
  }

  public boolean thinVolume() {
    return "thin".equals(kind);
  }
}
