package io.strata.simulator;

import io.strata.executors.host.EarlyAnswer;
import io.strata.executors.host.FileTree;
import io.strata.executors.host.Host;
import io.strata.executors.host.HostUnreachableException;
import io.strata.executors.host.Result;
import io.strata.simulator.cmd.BlockedIo;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.state.ClusterState;
import io.strata.simulator.sys.FileSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One simulated node. Every call checks reachability, sleeps the configured latency outside the
 * cluster lock, counts towards a scheduled crash, applies injected failures, then runs as one
 * transaction on the cluster state.
 */
public final class SimulatedHost implements Host {
  private final String name;
  private final SimulatedCluster cluster;

  SimulatedHost(String name, SimulatedCluster cluster) {
    this.name = name;
    this.cluster = cluster;
  }

  @Override
  public String name() {
    return name;
  }

  private void reachable() {
    if (cluster.faults().unreachable(name)) {
      throw new HostUnreachableException(name, "simulated: node is unreachable");
    }
  }

  private boolean sleep(Duration timeout) {
    Duration d = cluster.latency();
    boolean timedOut = timeout != null && d.compareTo(timeout) > 0;
    Duration wait = timedOut ? timeout : d;
    if (!wait.isZero()) {
      try {
        Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HostUnreachableException(name, "interrupted", e);
      }
    }
    return timedOut;
  }

  /** A command stuck in uninterruptible I/O: its caller waits the whole timeout, then gives up. */
  private Result blocked(List<String> argv, Duration timeout, long started) {
    Duration wait = timeout == null ? Duration.ofMinutes(5) : timeout;
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HostUnreachableException(name, "interrupted", e);
    }
    cluster.record(name, argv, -1, false, started);
    return new Result(argv, -1, new byte[0], "timed out\n".getBytes(), true);
  }

  /**
   * A command that never answers (fault injection): it is killed when the caller's timeout expires,
   * as LocalHost and SshHost kill theirs; without a timeout it waits until the thread is
   * interrupted. Nothing is applied.
   */
  private Result hung(List<String> argv, Duration timeout, long started) {
    cluster.faults().hangStarted();
    try {
      if (timeout == null) {
        new java.util.concurrent.CountDownLatch(1).await();
      } else {
        Thread.sleep(timeout.toMillis(), timeout.toNanosPart() % 1_000_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HostUnreachableException(name, "interrupted while a command hung", e);
    } finally {
      cluster.faults().hangEnded();
    }
    cluster.record(name, argv, -1, true, started);
    return new Result(
        argv, -1, new byte[0], ("timed out after " + timeout + "; killed\n").getBytes(), true);
  }

  /** Halts the JVM (a SIGKILL at a chosen point) when the configured mutation count is reached. */
  private void haltIfDue() {
    if (cluster.faults().tickMutation()) {
      System.err.println("strata sim: halting after a state-changing operation (crash point)");
      Runtime.getRuntime().halt(137);
    }
  }

  /**
   * As a host that streams answers: a probe that failed after a complete JSON document ({@link
   * Faults#failAfterAnswer}, or LVM's report of a VG it cannot find) has the document handed over
   * ahead of its result, so the failure reaches the caller as it would from a real node — after the
   * document has been read (decision 045). A probe that succeeded answers the same either way, and
   * is answered without scanning its output: a cluster of 1,000 nodes observes 30 MB of reports.
   */
  @Override
  public EarlyAnswer runForDocument(List<String> argv, Duration timeout) {
    Result r = run(argv, new byte[0], timeout);
    return r.success() ? EarlyAnswer.after(r) : EarlyAnswer.handedOver(r);
  }

  @Override
  public Result run(List<String> argv, byte[] stdin, Duration timeout) {
    long started = System.currentTimeMillis();
    if (argv == null || argv.isEmpty()) {
      throw new IllegalArgumentException("argv must name a command");
    }
    reachable();
    if (cluster.faults().hangs(name, argv)) {
      return hung(argv, timeout, started);
    }
    if (sleep(timeout)) {
      cluster.record(name, argv, -1, false, started);
      return new Result(argv, -1, new byte[0], "timed out\n".getBytes(), true);
    }
    Optional<Faults.CrashPoint> crash = cluster.faults().tick();
    if (crash.isPresent() && crash.get() == Faults.CrashPoint.BEFORE) {
      throw new SimulatedCrash(name, argv, Faults.CrashPoint.BEFORE);
    }
    Optional<Result> injected = cluster.faults().match(name, argv);
    Function<ClusterState, Result> command =
        cs -> {
          Result ran =
              cluster
                  .tools()
                  .run(
                      new Invocation(
                          cs,
                          cs.node(name),
                          List.copyOf(argv),
                          stdin == null ? new byte[0] : stdin,
                          cluster.now(),
                          cluster.syncRate()));
          // logged once its change is stored (ClusterState.afterStore)
          cs.afterStore(() -> cluster.recordLocked(name, argv, ran.exitCode(), false, started));
          return ran;
        };
    Result r;
    try {
      r =
          injected.orElseGet(
              () ->
                  Probes.readOnly(argv)
                      ? cluster.store().probe(command)
                      : cluster.store().transact(command));
    } catch (BlockedIo e) {
      return blocked(argv, timeout, started);
    }
    if (injected.isPresent()) {
      cluster.record(name, argv, r.exitCode(), true, started);
    } else {
      r = cluster.faults().afterAnswer(name, argv, r);
    }
    if (crash.isPresent()) {
      throw new SimulatedCrash(name, argv, Faults.CrashPoint.AFTER);
    }
    if (!Probes.readOnly(argv)) {
      haltIfDue();
    }
    return r;
  }

  @Override
  public void writeFile(Path path, byte[] content, int mode) {
    long started = System.currentTimeMillis();
    reachable();
    sleep(null);
    List<String> op = List.of("writeFile", path.toString());
    Optional<Faults.CrashPoint> crash = cluster.faults().tick();
    if (crash.isPresent() && crash.get() == Faults.CrashPoint.BEFORE) {
      throw new SimulatedCrash(name, op, Faults.CrashPoint.BEFORE);
    }
    cluster
        .store()
        .transact(
            cs -> {
              FileSystem.write(cs, cs.node(name), path.toString(), content, mode);
              cs.afterStore(() -> cluster.recordLocked(name, op, 0, false, started));
              return null;
            });
    if (crash.isPresent()) {
      throw new SimulatedCrash(name, op, Faults.CrashPoint.AFTER);
    }
    haltIfDue();
  }

  @Override
  public Optional<byte[]> readFile(Path path) {
    long started = System.currentTimeMillis();
    reachable();
    Optional<byte[]> out =
        cluster.store().probe(cs -> FileSystem.read(cs, cs.node(name), path.toString()));
    cluster.countRead(name, "readFile", path, started);
    return out;
  }

  @Override
  public List<String> list(Path dir) {
    long started = System.currentTimeMillis();
    reachable();
    List<String> out =
        cluster.store().probe(cs -> FileSystem.list(cs, cs.node(name), dir.toString()));
    cluster.countRead(name, "list", dir, started);
    return out;
  }

  /** One snapshot in one transaction, answered as {@link #list} and {@link #readFile} answer. */
  @Override
  public FileTree readTree(Path root, int maxDepth, Collection<String> read) {
    long started = System.currentTimeMillis();
    reachable();
    FileTree out =
        cluster.store().probe(cs -> FileSystem.readTree(cs, cs.node(name), root, maxDepth, read));
    cluster.countRead(name, "readTree", root, started);
    return out;
  }

  @Override
  public void deleteFile(Path path) {
    long started = System.currentTimeMillis();
    reachable();
    List<String> op = List.of("deleteFile", path.toString());
    Optional<Faults.CrashPoint> crash = cluster.faults().tick();
    if (crash.isPresent() && crash.get() == Faults.CrashPoint.BEFORE) {
      throw new SimulatedCrash(name, op, Faults.CrashPoint.BEFORE);
    }
    cluster
        .store()
        .transact(
            cs -> {
              FileSystem.delete(cs, cs.node(name), path.toString());
              cs.afterStore(() -> cluster.recordLocked(name, op, 0, false, started));
              return null;
            });
    if (crash.isPresent()) {
      throw new SimulatedCrash(name, op, Faults.CrashPoint.AFTER);
    }
    haltIfDue();
  }
}
