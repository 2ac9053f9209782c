package io.strata.simulator.state;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Cluster-wide state, in three parts persisted apart and loaded on first use (decision 018): the
 * counters (written by most mutating commands, a few bytes), the data ledger (written when data is
 * destroyed or a destruction authorized) and the NVMe listener index (an entry per node, written
 * when an address is new). So a command reads and writes what it uses, not the cluster's size.
 */
public final class ClusterMeta {
  private final Supplier<Counters> countersSource;
  private final Supplier<Ledger> ledgerSource;
  private final Supplier<NvmeListeners> listenersSource;
  private Counters counters;
  private Ledger ledger;
  private NvmeListeners listeners;

  /** Empty meta (a new cluster in memory). */
  public ClusterMeta() {
    this(Counters::new, Ledger::new, NvmeListeners::new);
  }

  public ClusterMeta(
      Supplier<Counters> counters, Supplier<Ledger> ledger, Supplier<NvmeListeners> listeners) {
    this.countersSource = counters;
    this.ledgerSource = ledger;
    this.listenersSource = listeners;
  }

  public Counters counters() {
    if (counters == null) {
      counters = countersSource.get();
    }
    return counters;
  }

  public Ledger ledger() {
    if (ledger == null) {
      ledger = ledgerSource.get();
    }
    return ledger;
  }

  public NvmeListeners listeners() {
    if (listeners == null) {
      listeners = listenersSource.get();
    }
    return listeners;
  }

  Optional<Counters> countersIfUsed() {
    return Optional.ofNullable(counters);
  }

  Optional<Ledger> ledgerIfUsed() {
    return Optional.ofNullable(ledger);
  }

  Optional<NvmeListeners> listenersIfUsed() {
    return Optional.ofNullable(listeners);
  }
}
