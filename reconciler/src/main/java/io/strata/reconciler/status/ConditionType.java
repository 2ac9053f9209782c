package io.strata.reconciler.status;

/** The kstatus-style condition types Strata reports, rendered by their {@link #label()}. */
public enum ConditionType {
  READY("Ready"),
  RECONCILING("Reconciling"),
  STALLED("Stalled"),
  DRIFTED("Drifted"),
  /** A volume's snapshot schedule missed fires (decision 028); only on scheduled volumes. */
  SNAPSHOTS_MISSED("SnapshotScheduleMissed");

  private final String label;

  ConditionType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static ConditionType ofLabel(String label) {
    for (ConditionType t : values()) {
      if (t.label.equals(label)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown condition type " + label);
  }
}
