package io.strata.simulator.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The cluster as one transaction sees it. Nodes are loaded on first use, so a command costs what it
 * touches (its node, its DRBD peers), not the size of the cluster; the store persists exactly the
 * nodes a transaction touched ({@link #touched()}).
 */
public final class ClusterState {
  /** Where nodes not yet touched come from (a state folder, or nowhere for the memory store). */
  public interface NodeSource {
    NodeSource NONE =
        new NodeSource() {
          @Override
          public Optional<SimNode> load(String name) {
            return Optional.empty();
          }

          @Override
          public SortedSet<String> names() {
            return new TreeSet<>();
          }
        };

    Optional<SimNode> load(String name);

    SortedSet<String> names();
  }

  /**
   * Thrown by {@link #changed()} in a probe that shares the state with other probes ({@link
   * FileStore}): it has changed nothing, and is run again alone. Without a stack trace: it is a
   * signal, raised whenever a probe settles a resync.
   */
  public static final class NeedsExclusive extends RuntimeException {
    static final NeedsExclusive SIGNAL = new NeedsExclusive();

    private NeedsExclusive() {
      super("a probe that changes the state runs alone", null, false, false);
    }
  }

  private final Map<String, SimNode> touched;
  private final Set<String> removed = new TreeSet<>();
  private boolean changed;
  private boolean shared;
  private final NodeSource source;
  private final Supplier<ClusterMeta> metaSource;
  private final Function<String, SimNode> seeder;
  private ClusterMeta meta;
  private final List<Runnable> afterStore = new ArrayList<>();

  /** Every node in memory already (the memory store); {@code nodes} should be a TreeMap. */
  public ClusterState(
      Map<String, SimNode> nodes, ClusterMeta meta, Function<String, SimNode> seeder) {
    this(nodes, NodeSource.NONE, () -> meta, seeder);
  }

  /** Nodes and the meta loaded from {@code source} when first used. */
  public ClusterState(
      NodeSource source, Supplier<ClusterMeta> meta, Function<String, SimNode> seeder) {
    this(new TreeMap<>(), source, meta, seeder);
  }

  private ClusterState(
      Map<String, SimNode> touched,
      NodeSource source,
      Supplier<ClusterMeta> meta,
      Function<String, SimNode> seeder) {
    this.touched = touched;
    this.source = source;
    this.metaSource = meta;
    this.seeder = seeder;
  }

  /** The cluster-wide meta (ledger, generations), loaded on first use. */
  public ClusterMeta meta() {
    if (meta == null) {
      meta = metaSource.get();
    }
    return meta;
  }

  /**
   * Says that this transaction changes the state although its command only looks (a probe): DRBD
   * settling a resync or recording the size it agreed on when its status is read, or a node seeded
   * by its first command. A probe's transaction is stored only then. Called before the change.
   */
  public void changed() {
    refuseIfShared();
    changed = true;
  }

  private void refuseIfShared() {
    if (shared) {
      throw NeedsExclusive.SIGNAL;
    }
  }

  /**
   * Marks a transaction that reads the state while other threads read the same objects: {@link
   * #changed()} then throws {@link NeedsExclusive}, so every change must be announced before it is
   * made.
   */
  void share() {
    shared = true;
  }

  /** Whether {@link #changed()} was called. */
  public boolean wasChanged() {
    return changed;
  }

  /** The meta if this transaction used it (only then does it need persisting). */
  public Optional<ClusterMeta> metaIfUsed() {
    return Optional.ofNullable(meta);
  }

  /** The node, seeded on first use. */
  public SimNode node(String name) {
    return existing(name)
        .orElseGet(
            () -> {
              changed(); // a new node is stored, whatever command seeded it
              SimNode n = seeder.apply(name);
              touched.put(name, n);
              return n;
            });
  }

  /** The node if it exists already (does not seed). */
  public Optional<SimNode> existing(String name) {
    SimNode n = touched.get(name);
    if (n == null && !removed.contains(name)) {
      n = source.load(name).orElse(null);
      if (n != null) {
        touched.put(name, n);
      }
    }
    return Optional.ofNullable(n);
  }

  /** Forgets a node: the next use seeds it afresh ({@code strata sim reset --node}). */
  public void remove(String name) {
    refuseIfShared();
    touched.remove(name);
    removed.add(name);
  }

  /** The names of the nodes that exist, without loading them. */
  public SortedSet<String> names() {
    SortedSet<String> out = new TreeSet<>(source.names());
    out.removeAll(removed);
    out.addAll(touched.keySet());
    return out;
  }

  /**
   * Every node, by name (a read-only view; do not seed while iterating). Loads the whole cluster:
   * for cluster-wide work only (markInUse, diagnostics), never per command.
   */
  public Map<String, SimNode> nodes() {
    names().forEach(this::existing);
    return Collections.unmodifiableMap(touched);
  }

  /** The nodes this transaction loaded, seeded or changed: what the store persists. */
  public Map<String, SimNode> touched() {
    return Collections.unmodifiableMap(touched);
  }

  /** Nodes forgotten in this transaction (their files are deleted). */
  public Set<String> removed() {
    return Collections.unmodifiableSet(removed);
  }

  /**
   * The node for reading only (an NVMe initiator looking at its target). It is not touched, so the
   * store neither serialises nor writes it: the caller must not change it.
   */
  public Optional<SimNode> peek(String name) {
    SimNode n = touched.get(name);
    if (n == null && !removed.contains(name)) {
      return source.load(name);
    }
    return Optional.ofNullable(n);
  }

  /**
   * Runs {@code step} once what this transaction changed is stored, still under the store's lock:
   * the command log's record of a command. A process killed between the two then leaves a change
   * without its record, as a node whose reconciler died mid-command does, never a record of a
   * change that was lost (which a standby would make again, and the log show twice).
   */
  public void afterStore(Runnable step) {
    afterStore.add(step);
  }

  /** The steps {@link #afterStore} queued, in order, each run once (the store calls this). */
  public void runAfterStore() {
    List<Runnable> steps = List.copyOf(afterStore);
    afterStore.clear();
    steps.forEach(Runnable::run);
  }

  /** Drops the queued steps of a transaction that failed (nothing of it is stored). */
  public void dropAfterStore() {
    afterStore.clear();
  }
}
