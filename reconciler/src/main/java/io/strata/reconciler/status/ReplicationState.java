package io.strata.reconciler.status;

/** Replication state of one replica, with the DRBD disk-state spelling used in status files. */
public enum ReplicationState {
  UP_TO_DATE("UpToDate"),
  SYNC_SOURCE("SyncSource"),
  SYNC_TARGET("SyncTarget"),
  INCONSISTENT("Inconsistent"),
  OUTDATED("Outdated"),
  DISKLESS("Diskless"),
  CONNECTING("Connecting"),
  STANDALONE("StandAlone"),
  NOT_REPLICATED("NotReplicated"),
  UNKNOWN("Unknown");

  private final String label;

  ReplicationState(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
