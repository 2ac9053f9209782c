package io.strata.simulator;

import io.strata.executors.host.Host;
import io.strata.simulator.cmd.DataLedger;
import io.strata.simulator.cmd.Devices;
import io.strata.simulator.drbd.DrbdEngine;
import io.strata.simulator.state.ClusterState;
import io.strata.simulator.state.FileStore;
import io.strata.simulator.state.LedgerEvent;
import io.strata.simulator.state.MemoryStore;
import io.strata.simulator.state.SimNode;
import io.strata.simulator.state.SimSeed;
import io.strata.simulator.state.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A simulated cluster of Linux storage nodes (ARCHITECTURE.md §9). Each node is a {@link Host} that
 * answers the real tools' argv; all nodes share one state (in memory, or persisted under a state
 * folder and shared between processes), fault injection, latency, a DRBD resync rate, a command log
 * and the data ledger.
 */
public final class SimulatedCluster {
  private final StateStore store;
  private final Map<String, SimSeed> seeds;
  private final Faults faults = new Faults();
  private final Tools tools = new Tools();
  private final Map<String, SimulatedHost> hosts = new ConcurrentHashMap<>();

  /**
   * The most recent operations only: a long-running daemon or a 10,000-volume apply would otherwise
   * keep every command it ever ran (the log is for tests and diagnostics, the state is elsewhere).
   */
  static final int LOG_LIMIT = 10_000;

  private static final long PID = ProcessHandle.current().pid();

  private final Deque<CommandRecord> log = new ArrayDeque<>();
  private long logged;
  private final CommandLogFile logFile; // null for a cluster in memory
  private final ReadLogFile readLog; // null in memory and when read-only
  private final Map<String, AtomicLong> fileReads = new ConcurrentHashMap<>();
  private final AtomicLong timeOffset = new AtomicLong();
  private volatile Duration latency = Duration.ZERO;
  private volatile long syncRate;

  private SimulatedCluster(
      Function<Function<String, SimNode>, StateStore> store,
      Map<String, SimSeed> seeds,
      CommandLogFile logFile,
      ReadLogFile readLog) {
    this.seeds = new TreeMap<>(seeds);
    this.store = store.apply(this::seed);
    this.logFile = logFile;
    this.readLog = readLog;
  }

  /** A cluster living in memory only. Nodes not in {@code seeds} get {@link SimSeed#standard()}. */
  public static SimulatedCluster inMemory(Map<String, SimSeed> seeds) {
    return new SimulatedCluster(MemoryStore::new, seeds, null, null);
  }

  /**
   * A cluster persisted in {@code stateDir} ({@code <node>.json} per node, {@code ledger.json}); a
   * missing node file is seeded from {@code seeds} (or {@link SimSeed#standard()}).
   */
  public static SimulatedCluster persistent(Path stateDir, Map<String, SimSeed> seeds) {
    return new SimulatedCluster(
        seeder -> new FileStore(stateDir, seeder),
        seeds,
        new CommandLogFile(stateDir, false),
        new ReadLogFile(stateDir));
  }

  /**
   * The cluster in {@code stateDir} opened for reading only ({@code strata plan}): nothing is
   * created or written, missing nodes are seeded in memory, and what commands change is dropped.
   */
  public static SimulatedCluster readOnly(Path stateDir, Map<String, SimSeed> seeds) {
    return new SimulatedCluster(
        seeder -> new FileStore(stateDir, seeder, true),
        seeds,
        new CommandLogFile(stateDir, true),
        null);
  }

  /**
   * Nodes that exist already but whose seed now differs from the one they were made with, one
   * sentence each (a simulated disk cannot change size under its volumes).
   */
  public List<String> seedConflicts() {
    return store.transact(
        cs -> {
          List<String> out = new ArrayList<>();
          seeds.forEach(
              (node, seed) ->
                  cs.existing(node)
                      .filter(n -> n.seed != null && !n.seed.equals(seed))
                      .ifPresent(n -> out.add(node + ": " + n.seed.difference(seed))));
          return out;
        });
  }

  /**
   * Forgets {@code node} (seeded afresh on next use), or, with null, every node and the ledger.
   * Returns the nodes forgotten.
   */
  public Set<String> reset(String node) {
    return store.transact(
        cs -> {
          Set<String> gone = new TreeSet<>(cs.names());
          if (node != null) {
            gone.retainAll(Set.of(node));
          } else {
            cs.meta().ledger().clear();
            if (logFile != null) {
              logFile.clear();
            }
            if (readLog != null) {
              readLog.clear();
            }
          }
          gone.forEach(cs::remove);
          return gone;
        });
  }

  /**
   * Reboots {@code node}: its runtime objects are dropped and its on-disk state kept ({@link
   * Reboot}). Returns a one-line summary of what went down.
   */
  public String reboot(String node) {
    host(node); // validates the name
    return store.transact(cs -> Reboot.apply(cs.node(node)));
  }

  private SimNode seed(String node) {
    return Seeding.seed(node, seeds.getOrDefault(node, SimSeed.standard()));
  }

  /** The node as a {@link Host}. */
  public Host host(String node) {
    if (node == null || !node.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || node.equals("ledger")) {
      throw new IllegalArgumentException(
          "simulated node name '"
              + node
              + "' is not valid: use letters, digits, '.', '_' and '-' (and not 'ledger')");
    }
    return hosts.computeIfAbsent(node, n -> new SimulatedHost(n, this));
  }

  /** The nodes seeded or present in the state. */
  public Set<String> nodes() {
    Set<String> out = new TreeSet<>(seeds.keySet());
    out.addAll(store.transact(ClusterState::names));
    return out;
  }

  public Faults faults() {
    return faults;
  }

  /** Every destruction of a device that held data, authorized or not, in order. */
  public List<LedgerEvent> ledger() {
    return store.transact(cs -> cs.meta().ledger().events());
  }

  /** The ledger's data-loss events only (every reliability test expects none). */
  public List<LedgerEvent> dataLossEvents() {
    return ledger().stream().filter(LedgerEvent::dataLoss).toList();
  }

  /**
   * Declares that destroying {@code devicePath} on {@code node} is intended (a planner-approved
   * delete); lasts until the device is removed.
   */
  public void authorizeDestruction(String node, String devicePath) {
    store.transact(
        cs -> {
          SimNode n = cs.node(node);
          cs.meta().ledger().authorize(DataLedger.key(node, Devices.canonical(cs, n, devicePath)));
          return null;
        });
  }

  /**
   * Marks every device at the top of a stack (used by no other layer) and everything under it as
   * holding data, as if applications had written to what Strata exposed.
   */
  public void markInUse() {
    // A look first, which stores nothing: after most applies every top is marked already, and a
    // transaction over every node would encode all of them to find that none changed (0.5 s at
    // 1,000 nodes). Then only the nodes with something to mark are loaded for writing.
    Set<String> due = store.probe(DataMarks::due);
    if (due.isEmpty()) {
      return;
    }
    store.transact(
        cs -> {
          due.forEach(name -> cs.existing(name).ifPresent(n -> DataMarks.markTops(cs, n)));
          return null;
        });
  }

  public void setLatency(Duration latency) {
    this.latency = latency == null ? Duration.ZERO : latency;
  }

  public Duration latency() {
    return latency;
  }

  /** DRBD resync rate in bytes per second; 0 (the default) is instant. */
  public void setSyncRate(long bytesPerSecond) {
    if (bytesPerSecond < 0) {
      throw new IllegalArgumentException("syncRate must be >= 0, got " + bytesPerSecond);
    }
    this.syncRate = bytesPerSecond;
  }

  /** Moves simulated time forward (DRBD resync progress) without sleeping. */
  public void advanceTime(Duration d) {
    timeOffset.addAndGet(d.toMillis());
  }

  long now() {
    return System.currentTimeMillis() + timeOffset.get();
  }

  long syncRate() {
    return syncRate;
  }

  /**
   * The operations every node received, in order: for a cluster in a state folder, every process's
   * (its {@code commands.jsonl}, decision 015); in memory, the last {@value #LOG_LIMIT}.
   */
  public List<CommandRecord> commandLog() {
    if (logFile != null) {
      return store.transact(cs -> logFile.read());
    }
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  /** The operations {@code node} received, in order. */
  public List<CommandRecord> commandLog(String node) {
    return commandLog().stream().filter(r -> r.node().equals(node)).toList();
  }

  /** Empties the log; sequence numbers start again at 1. */
  public void clearCommandLog() {
    if (logFile != null) {
      store.transact(
          cs -> {
            logFile.clear();
            return null;
          });
    }
    synchronized (log) {
      log.clear();
      logged = 0;
    }
  }

  /**
   * The file reads ({@code readFile}, {@code list}, {@code readTree}) this process made on {@code
   * node}: each is one round trip over SSH, but not a command, so the command log leaves them out.
   */
  public long fileReads(String node) {
    AtomicLong n = fileReads.get(node);
    return n == null ? 0 : n.get();
  }

  /** Counts one file read (and logs it in {@code reads.jsonl} for a cluster in a state folder). */
  void countRead(String node, String op, Path path, long started) {
    fileReads.computeIfAbsent(node, k -> new AtomicLong()).incrementAndGet();
    if (readLog != null) {
      readLog.append(node, op, path.toString(), started);
    }
  }

  /**
   * {@code record} in a transaction of its own (an operation that ran outside the state: an
   * injected fault, a timeout); {@code started} is when the host was asked, epoch ms.
   */
  void record(String node, List<String> argv, int rc, boolean injected, long started) {
    store.transact(
        cs -> {
          recordLocked(node, argv, rc, injected, started);
          return null;
        });
  }

  /**
   * Logs one operation; called under the cluster lock, in the transaction that ran it, so the
   * sequence number is the order of execution across threads and processes — after the
   * transaction's change is stored ({@code ClusterState.afterStore}), so that a process killed in
   * between never leaves a record of a change that was lost.
   */
  void recordLocked(String node, List<String> argv, int rc, boolean injected, long started) {
    if (logFile != null) {
      logFile.append(node, argv, rc, injected, started);
      return;
    }
    synchronized (log) {
      log.addLast(
          new CommandRecord(
              ++logged, node, argv, rc, injected, PID, started, System.currentTimeMillis()));
      if (log.size() > LOG_LIMIT) {
        log.removeFirst();
      }
    }
  }

  /** One line of {@code strata sim log --format json}: {@code {"seq", "node", "argv"|"write"…}}. */
  public static String jsonLine(CommandRecord r) {
    return CommandLogFile.line(r);
  }

  /** Runs {@code work} on the state under the cluster lock (tests and diagnostics). */
  public <T> T inspect(Function<ClusterState, T> work) {
    return store.transact(
        cs -> {
          DrbdEngine.settle(cs, now(), syncRate);
          return work.apply(cs);
        });
  }

  StateStore store() {
    return store;
  }

  Tools tools() {
    return tools;
  }
}
