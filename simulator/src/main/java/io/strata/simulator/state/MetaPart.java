package io.strata.simulator.state;

/**
 * One separately persisted part of the cluster-wide meta. Parts change only through their methods,
 * which mark them dirty, so the store writes a part only when a command changed it, without
 * serialising it to find out (the NVMe listener index has an entry per node).
 */
public abstract class MetaPart {
  private transient boolean dirty;

  /** Whether a command changed this part since it was loaded or last stored. */
  final boolean dirty() {
    return dirty;
  }

  final void stored() {
    dirty = false;
  }

  final void changed() {
    dirty = true;
  }
}
