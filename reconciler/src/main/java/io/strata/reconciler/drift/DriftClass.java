package io.strata.reconciler.drift;

import java.util.Locale;

/** The closed set of drift classes (ARCHITECTURE.md §10), shared by every report of drift. */
public enum DriftClass {
  /** An object Git wants is absent: storage lost, a LUKS mapping closed, a snapshot not taken. */
  MISSING,
  /** Storage observed larger than declared (grown out of band); never shrunk (decision 007). */
  RESIZED,
  /** An object exists but differs from Git: options, peers, markers, a pending grow. */
  CONFIG,
  /**
   * An object of Strata's exists on disk but is not active in the kernel: an LV inactive after a
   * reboot. Healing activates it (docs/decisions/014).
   */
  INACTIVE,
  /** Replication or paths unhealthy: DRBD down/disconnected/syncing, an NVMe path not live. */
  DEGRADED,
  /** An owned object Git no longer wants on that node. */
  ORPHANED,
  /** A node that could not be observed: nothing on it is known. */
  UNREACHABLE,
  /** A divergence Strata refuses to heal; the reason says what the operator must do. */
  REFUSED;

  /** Lower-case name used in keys, labels and JSON. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
