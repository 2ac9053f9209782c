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
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * State persisted in a directory: {@code <node>.json} per node and {@code ledger.json}, compact
 * JSON. A transaction reads only the nodes it touches (its own node, its DRBD peers) and writes
 * back only those whose content changed, atomically, so a command's cost does not grow with the
 * cluster (decision 010). It runs under a JVM lock and an OS file lock on {@code .lock}, so
 * separate processes see one cluster; the lock is held for that O(1) work only, while a command's
 * simulated latency is slept outside it.
 *
 * <p>A read-only store ({@code strata plan}) creates nothing and writes nothing: it takes a shared
 * lock when the folder exists, seeds missing nodes in memory only and drops what a command changed.
 */
public final class FileStore implements StateStore {
  static final String LEDGER = "ledger.json";
  private static final String SUFFIX = ".json";

  /**
   * One lock per folder for the whole JVM: OS file locks are held per process, so two stores on the
   * same folder in one JVM must also exclude each other here.
   */
  private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private final Path dir;
  private final Function<String, SimNode> seeder;
  private final boolean readOnly;
  private final ReentrantLock lock;
  private final StateFiles files;

  public FileStore(Path dir, Function<String, SimNode> seeder) {
    this(dir, seeder, false);
  }

  public FileStore(Path dir, Function<String, SimNode> seeder, boolean readOnly) {
    this.dir = dir;
    this.seeder = seeder;
    this.readOnly = readOnly;
    this.lock = LOCKS.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> new ReentrantLock());
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
    lock.lock();
    try {
      // a writer creates .lock before anything else: without it there is no state to read yet
      if (readOnly && !Files.exists(dir.resolve(".lock"))) {
        files.forgetAll();
        return work.apply(new ClusterState(new TreeMap<>(), new ClusterMeta(), seeder));
      }
      try (FileChannel ch = readOnly ? readChannel() : writeChannel();
          FileLock ignored = ch.lock(0, Long.MAX_VALUE, readOnly)) {
        return readOnly ? read(work) : readWrite(work);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("simulation state in " + dir + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
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
    return new ClusterState(
        new Nodes(),
        () -> files.load(LEDGER, ClusterMeta.class).orElseGet(ClusterMeta::new),
        seeder);
  }

  private <T> T readWrite(Function<ClusterState, T> work) throws IOException {
    ClusterState state = open();
    T result;
    try {
      result = work.apply(state);
    } catch (RuntimeException e) {
      forget(state); // the work may have changed cached objects halfway
      throw e;
    }
    for (String gone : state.removed()) {
      files.delete(gone + SUFFIX);
    }
    for (Map.Entry<String, SimNode> e : state.touched().entrySet()) {
      files.store(e.getKey() + SUFFIX, e.getValue());
    }
    Optional<ClusterMeta> meta = state.metaIfUsed();
    if (meta.isPresent()) {
      files.store(LEDGER, meta.get());
    }
    return result;
  }

  /** Reads without writing; a parsed form the work changed is dropped so no change outlives it. */
  private <T> T read(Function<ClusterState, T> work) {
    ClusterState state = open();
    try {
      return work.apply(state);
    } finally {
      for (Map.Entry<String, SimNode> e : state.touched().entrySet()) {
        if (files.changed(e.getKey() + SUFFIX, e.getValue())) {
          files.forget(e.getKey() + SUFFIX);
        }
      }
      state.removed().forEach(n -> files.forget(n + SUFFIX));
      if (state.metaIfUsed().filter(m -> files.changed(LEDGER, m)).isPresent()) {
        files.forget(LEDGER);
      }
    }
  }

  private void forget(ClusterState state) {
    state.touched().keySet().forEach(n -> files.forget(n + SUFFIX));
    state.removed().forEach(n -> files.forget(n + SUFFIX));
    files.forget(LEDGER);
  }

  /** The folder's node files, loaded one at a time. */
  private final class Nodes implements ClusterState.NodeSource {
    @Override
    public Optional<SimNode> load(String name) {
      return files.load(name + SUFFIX, SimNode.class);
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
