package io.strata.simulator.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * State persisted in a directory: {@code <node>.json} per node, and the cluster-wide meta in three
 * files written only when changed ({@code .counters.json}, {@code ledger.json}, {@code
 * .nvme-listeners.json}; decision 018), compact JSON. A transaction reads only the nodes it touches
 * (its own node, its DRBD peers) and writes back only those whose content changed, atomically, so a
 * command's cost does not grow with the cluster (decision 010). It runs under a JVM lock and an OS
 * file lock on {@code .lock}, so separate processes see one cluster; the lock is held for that O(1)
 * work only, while a command's simulated latency is slept outside it.
 *
 * <p>A read-only store ({@code strata plan}) creates nothing and writes nothing: it takes a shared
 * lock when the folder exists, seeds missing nodes in memory only and drops what a command changed.
 */
public final class FileStore implements StateStore {
  static final String LEDGER = "ledger.json";
  // dot files: never taken for a node's file, whatever the node is called
  static final String COUNTERS = ".counters.json";
  static final String LISTENERS = ".nvme-listeners.json";
  private static final String SUFFIX = ".json";

  /**
   * {@code -Dstrata.sim.checkProbes=true} (the build's tests): a probe that leaves a node different
   * without {@link ClusterState#changed()} fails, instead of its change staying unstored (decision
   * 035).
   */
  static final boolean CHECK_PROBES = Boolean.getBoolean("strata.sim.checkProbes");

  /**
   * One lock per folder for the whole JVM: OS file locks are held per process, so two stores on the
   * same folder in one JVM must also exclude each other here.
   */
  private static final Map<Path, FolderLock> LOCKS = new ConcurrentHashMap<>();

  private final Path dir;
  private final Function<String, SimNode> seeder;
  private final boolean readOnly;
  private final FolderLock lock;
  private final StateFiles files;

  public FileStore(Path dir, Function<String, SimNode> seeder) {
    this(dir, seeder, false);
  }

  public FileStore(Path dir, Function<String, SimNode> seeder, boolean readOnly) {
    this.dir = dir;
    this.seeder = seeder;
    this.readOnly = readOnly;
    this.lock =
        LOCKS.computeIfAbsent(
            dir.toAbsolutePath().normalize(), d -> new FolderLock(d.resolve(".lock")));
    this.files = new StateFiles(dir);
    if (readOnly) {
      return;
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create simulation state folder " + dir, e);
    }
  }

  @Override
  public <T> T transact(Function<ClusterState, T> work) {
    return run(work, false);
  }

  /**
   * A probe first runs sharing the state with other probes of this JVM, which read the same parsed
   * nodes at the same time; if it would change anything ({@link ClusterState.NeedsExclusive}), if a
   * writing store finds the folder shared with a read-only one, or if a read-only store finds no
   * state yet, it runs alone. At 1,000 nodes a daemon's 64 observing threads spent most of their
   * time waiting for each other's probes.
   */
  @Override
  public <T> T probe(Function<ClusterState, T> work) {
    Shared<T> shared = shared(work);
    return shared != null ? shared.result() : run(work, true);
  }

  private record Shared<T>(T result) {}

  private <T> Shared<T> shared(Function<ClusterState, T> work) {
    lock.threads.readLock().lock();
    try {
      if (!lock.join(!readOnly)) {
        return null;
      }
      try {
        ClusterState state = open(lock.group());
        state.share();
        T result;
        try {
          result = work.apply(state);
        } catch (ClusterState.NeedsExclusive e) {
          state.dropAfterStore();
          return null;
        }
        if (state.metaIfUsed().filter(FileStore::metaChanged).isPresent()) {
          // only an earlier version's ledger.json, split on first read, changes a part here
          state.dropAfterStore();
          return null;
        }
        if (CHECK_PROBES) {
          checkUnchanged(state);
        }
        state.runAfterStore();
        return new Shared<>(result);
      } finally {
        lock.leave();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("simulation state in " + dir + ": " + e.getMessage(), e);
    } finally {
      lock.threads.readLock().unlock();
    }
  }

  private <T> T run(Function<ClusterState, T> work, boolean probe) {
    lock.threads.writeLock().lock();
    try {
      // a writer creates .lock before anything else: without it there is no state to read yet
      if (readOnly && !Files.exists(dir.resolve(".lock"))) {
        files.forgetAll();
        ClusterState empty = new ClusterState(new TreeMap<>(), new ClusterMeta(), seeder);
        T result = work.apply(empty);
        empty.runAfterStore();
        return result;
      }
      try (FileChannel ch = readOnly ? readChannel() : writeChannel();
          FileLock ignored = ch.lock(0, Long.MAX_VALUE, readOnly)) {
        ClusterState state = open();
        T result = readOnly ? read(state, work) : readWrite(state, work, probe);
        // under both locks, once the change is stored (a read-only store stores nothing)
        state.runAfterStore();
        return result;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("simulation state in " + dir + ": " + e.getMessage(), e);
    } finally {
      lock.threads.writeLock().unlock();
    }
  }

  private FileChannel writeChannel() throws IOException {
    return FileChannel.open(
        dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  private FileChannel readChannel() throws IOException {
    return FileChannel.open(dir.resolve(".lock"), StandardOpenOption.READ);
  }

  private ClusterState open() {
    return open(0);
  }

  /** The state as a transaction sees it; {@code group}: the sharing group of a probe (0: none). */
  private ClusterState open(long group) {
    return new ClusterState(
        new Nodes(group),
        () ->
            new ClusterMeta(
                () -> part(COUNTERS, Counters.class, Counters::new),
                () -> files.load(LEDGER, Ledger.class).orElseGet(Ledger::new),
                () -> part(LISTENERS, NvmeListeners.class, NvmeListeners::new)),
        seeder);
  }

  /**
   * A meta part from its file; before decision 018 every part lived in {@code ledger.json}, so a
   * folder written by an earlier version is read from there (and the part written on its own by the
   * next transaction that writes).
   */
  private <P extends MetaPart> P part(String file, Class<P> type, Supplier<P> empty) {
    Optional<P> p = files.load(file, type);
    if (p.isPresent()) {
      return p.get();
    }
    Optional<P> legacy = files.load(LEDGER, type);
    legacy.ifPresent(MetaPart::changed);
    files.forget(LEDGER); // cached as a part of another type; the ledger is parsed again
    return legacy.orElseGet(empty);
  }

  /**
   * Writes the parts a transaction changed. A legacy {@code ledger.json} holds the other parts too:
   * before it is rewritten without them, they move to their own files.
   */
  private void storeMeta(ClusterMeta meta) throws IOException {
    if (meta.ledgerIfUsed().filter(MetaPart::dirty).isPresent()) {
      if (!Files.exists(dir.resolve(COUNTERS))) {
        meta.counters().changed();
      }
      if (!Files.exists(dir.resolve(LISTENERS))) {
        meta.listeners().changed();
      }
    }
    store(COUNTERS, meta.countersIfUsed());
    store(LISTENERS, meta.listenersIfUsed());
    store(LEDGER, meta.ledgerIfUsed());
  }

  private void store(String file, Optional<? extends MetaPart> part) throws IOException {
    if (part.isPresent() && part.get().dirty()) {
      files.store(file, part.get());
      part.get().stored();
    }
  }

  /** Whether the transaction changed any meta part (a read-only one then drops the cached ones). */
  private static boolean metaChanged(ClusterMeta meta) {
    return Stream.of(meta.countersIfUsed(), meta.ledgerIfUsed(), meta.listenersIfUsed())
        .anyMatch(p -> p.filter(MetaPart::dirty).isPresent());
  }

  private void forgetMeta() {
    files.forget(COUNTERS);
    files.forget(LEDGER);
    files.forget(LISTENERS);
  }

  private <T> T readWrite(ClusterState state, Function<ClusterState, T> work, boolean probe)
      throws IOException {
    T result;
    try {
      result = work.apply(state);
    } catch (RuntimeException e) {
      forget(state); // the work may have changed cached objects halfway
      throw e;
    }
    boolean unchangedProbe = probe && !state.wasChanged() && state.removed().isEmpty();
    if (unchangedProbe && CHECK_PROBES) {
      checkUnchanged(state);
    }
    if (!unchangedProbe) {
      for (String gone : state.removed()) {
        files.delete(gone + SUFFIX);
      }
      for (Map.Entry<String, SimNode> e : state.touched().entrySet()) {
        files.store(e.getKey() + SUFFIX, e.getValue());
      }
    }
    Optional<ClusterMeta> meta = state.metaIfUsed();
    if (meta.isPresent()) {
      storeMeta(meta.get());
    }
    return result;
  }

  private void checkUnchanged(ClusterState state) {
    for (Map.Entry<String, SimNode> e : state.touched().entrySet()) {
      if (files.changed(e.getKey() + SUFFIX, e.getValue())) {
        String how = files.difference(e.getKey() + SUFFIX, e.getValue());
        forget(state);
        throw new IllegalStateException(
            "a probe changed node " + e.getKey() + " without ClusterState.changed(): " + how);
      }
    }
  }

  /** Reads without writing; a parsed form the work changed is dropped so no change outlives it. */
  private <T> T read(ClusterState state, Function<ClusterState, T> work) {
    try {
      return work.apply(state);
    } finally {
      for (Map.Entry<String, SimNode> e : state.touched().entrySet()) {
        if (files.changed(e.getKey() + SUFFIX, e.getValue())) {
          files.forget(e.getKey() + SUFFIX);
        }
      }
      state.removed().forEach(n -> files.forget(n + SUFFIX));
      if (state.metaIfUsed().filter(FileStore::metaChanged).isPresent()) {
        forgetMeta();
      }
    }
  }

  private void forget(ClusterState state) {
    state.touched().keySet().forEach(n -> files.forget(n + SUFFIX));
    state.removed().forEach(n -> files.forget(n + SUFFIX));
    forgetMeta();
  }

  /** The folder's node files, loaded one at a time. */
  private final class Nodes implements ClusterState.NodeSource {
    private final long group;

    Nodes(long group) {
      this.group = group;
    }

    @Override
    public Optional<SimNode> load(String name) {
      return files.load(name + SUFFIX, SimNode.class, group);
    }

    @Override
    public SortedSet<String> names() {
      SortedSet<String> out = new TreeSet<>();
      try (Stream<Path> list = Files.list(dir)) {
        list.map(f -> f.getFileName().toString())
            .filter(f -> f.endsWith(SUFFIX) && !f.startsWith(".") && !f.equals(LEDGER))
            .forEach(f -> out.add(f.substring(0, f.length() - SUFFIX.length())));
      } catch (java.nio.file.NoSuchFileException e) {
        return out;
      } catch (IOException e) {
        throw new UncheckedIOException("simulation state in " + dir + ": " + e.getMessage(), e);
      }
      return out;
    }
  }
}
