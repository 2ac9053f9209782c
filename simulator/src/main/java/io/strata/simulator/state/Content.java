package io.strata.simulator.state;

/**
 * What is written on a block device: its content generation, whether it holds data, and the
 * signatures on it (LUKS header, DRBD internal metadata, a filesystem).
 */
public final class Content {
  public long generation;
  public boolean holdsData;
  public LuksHeader luks;
  public DrbdMetadata drbdMd;
  public String fsType;

  /**
   * The identity of the data on the device: given when a device first holds data, carried over by
   * whatever copies it (a snapshot, a clone, a block copy), cleared when it is destroyed. Two
   * devices with the same identity hold the same data.
   */
  public String dataId;

  /** This content's data and filesystem carried onto {@code to} (a snapshot, clone or copy). */
  public void copyDataTo(Content to) {
    to.holdsData = holdsAnyData();
    to.dataId = dataId;
    to.fsType = fsType;
  }

  public Content() {}

  public Content(long generation) {
    this.generation = generation;
  }

  /** True when this device, or a device stacked inside it (an open LUKS payload), holds data. */
  public boolean holdsAnyData() {
    return holdsData || (luks != null && luks.inner != null && luks.inner.holdsAnyData());
  }

  /** True when any signature is on the device (what {@code blkid -p} would find). */
  public boolean blank() {
    return luks == null && drbdMd == null && fsType == null;
  }
}
