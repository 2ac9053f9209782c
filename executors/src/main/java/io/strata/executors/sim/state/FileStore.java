package io.strata.executors.sim.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * State persisted in a directory: {@code <node>.json} per node and {@code ledger.json}. Every
 * transaction takes a JVM lock and an OS file lock on {@code .lock}, re-reads the files (reusing
 * the parsed form when the bytes are unchanged) and writes back only files whose content changed,
 * atomically. Separate processes therefore see one cluster.
 *
 * <p>A read-only store ({@code strata plan}) creates nothing and writes nothing: it takes a shared
 * lock when the folder exists, seeds missing nodes in memory only and drops what a command changed.
 */
public final class FileStore implements StateStore {
  static final String LEDGER = "ledger.json";
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          // state files written by an older version stay readable when fields are added
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private final Path dir;
  private final Function<String, NodeState> seeder;
  private final boolean readOnly;

  /**
   * One lock per folder for the whole JVM: OS file locks are held per process, so two stores on the
   * same folder in one JVM must also exclude each other here.
   */
  private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private final ReentrantLock lock;
  private final Map<String, Cached<NodeState>> cache = new HashMap<>();
  private Cached<ClusterMeta> metaCache;

  private record Cached<T>(byte[] bytes, T value) {}

  public FileStore(Path dir, Function<String, NodeState> seeder) {
    this(dir, seeder, false);
  }

  public FileStore(Path dir, Function<String, NodeState> seeder, boolean readOnly) {
    this.dir = dir;
    this.seeder = seeder;
    this.readOnly = readOnly;
    this.lock = LOCKS.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> new ReentrantLock());
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
        cache.clear();
        metaCache = null;
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

  private <T> T readWrite(Function<ClusterState, T> work) throws IOException {
    ClusterMeta meta = loadMeta();
    Map<String, NodeState> nodes = loadNodes();
    Set<String> before = new TreeSet<>(nodes.keySet());
    ClusterState state = new ClusterState(nodes, meta, seeder);
    T result;
    try {
      result = work.apply(state);
    } catch (RuntimeException e) {
      cache.clear();
      metaCache = null;
      throw e;
    }
    for (Map.Entry<String, NodeState> e : nodes.entrySet()) {
      byte[] bytes = JSON.writeValueAsBytes(e.getValue());
      Cached<NodeState> old = cache.get(e.getKey());
      if (old == null || !Arrays.equals(old.bytes(), bytes)) {
        write(e.getKey() + ".json", bytes);
        cache.put(e.getKey(), new Cached<>(bytes, e.getValue()));
      }
    }
    before.removeAll(nodes.keySet());
    for (String forgotten : before) {
      Files.deleteIfExists(dir.resolve(forgotten + ".json"));
      cache.remove(forgotten);
    }
    byte[] metaBytes = JSON.writeValueAsBytes(meta);
    if (metaCache == null || !Arrays.equals(metaCache.bytes(), metaBytes)) {
      write(LEDGER, metaBytes);
      metaCache = new Cached<>(metaBytes, meta);
    }
    return result;
  }

  /** Reads without writing; a parsed form the work changed is dropped so no change outlives it. */
  private <T> T read(Function<ClusterState, T> work) throws IOException {
    ClusterMeta meta = loadMeta();
    Map<String, NodeState> nodes = loadNodes();
    try {
      return work.apply(new ClusterState(nodes, meta, seeder));
    } finally {
      for (Map.Entry<String, NodeState> e : nodes.entrySet()) {
        Cached<NodeState> c = cache.get(e.getKey());
        if (c != null && !Arrays.equals(c.bytes(), JSON.writeValueAsBytes(e.getValue()))) {
          cache.remove(e.getKey());
        }
      }
      if (metaCache != null && !Arrays.equals(metaCache.bytes(), JSON.writeValueAsBytes(meta))) {
        metaCache = null;
      }
    }
  }

  private ClusterMeta loadMeta() throws IOException {
    Path f = dir.resolve(LEDGER);
    if (!Files.exists(f)) {
      metaCache = null;
      return new ClusterMeta();
    }
    byte[] bytes = Files.readAllBytes(f);
    if (metaCache != null && Arrays.equals(metaCache.bytes(), bytes)) {
      return metaCache.value();
    }
    ClusterMeta meta = parse(f, bytes, ClusterMeta.class);
    metaCache = new Cached<>(bytes, meta);
    return meta;
  }

  private Map<String, NodeState> loadNodes() throws IOException {
    Map<String, NodeState> nodes = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String file = f.getFileName().toString();
        if (!file.endsWith(".json") || file.equals(LEDGER)) {
          continue;
        }
        String node = file.substring(0, file.length() - ".json".length());
        byte[] bytes = Files.readAllBytes(f);
        Cached<NodeState> c = cache.get(node);
        if (c == null || !Arrays.equals(c.bytes(), bytes)) {
          c = new Cached<>(bytes, parse(f, bytes, NodeState.class));
          cache.put(node, c);
        }
        nodes.put(node, c.value());
      }
    }
    cache.keySet().retainAll(nodes.keySet());
    return nodes;
  }

  private static <T> T parse(Path f, byte[] bytes, Class<T> type) {
    try {
      return JSON.readValue(bytes, type);
    } catch (JacksonException e) {
      throw new IllegalStateException(
          "simulation state file "
              + f
              + " cannot be read ("
              + e.getOriginalMessage()
              + "); fix it or delete it to re-seed the node",
          e);
    }
  }

  private void write(String file, byte[] bytes) throws IOException {
    Path tmp = dir.resolve("." + file + ".tmp");
    Files.write(tmp, bytes);
    try {
      Files.move(
          tmp,
          dir.resolve(file),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
