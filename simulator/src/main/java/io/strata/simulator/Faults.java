package io.strata.simulator;

import io.strata.executors.host.Result;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Fault injection for a simulated cluster: failing commands, unreachable nodes, crashes. Faults
 * live in memory (per process); out-of-band changes are plain commands run through a host.
 */
public final class Faults {
  /** Whether a crash happens before the command is applied or after it was. */
  public enum CrashPoint {
    BEFORE,
    AFTER
  }

  private record Rule(
      String node, List<String> prefix, int[] remaining, int rc, String stderr, String stdout) {
    Rule(String node, List<String> prefix, int[] remaining, int rc, String stderr) {
      this(node, prefix, remaining, rc, stderr, null);
    }
  }

  private final List<Rule> rules = new ArrayList<>();
  private final Set<String> unreachable = new HashSet<>();
  private final List<Rule> hangs = new ArrayList<>();
  private final List<Rule> afterAnswer = new ArrayList<>();
  private int hanging; // commands hanging right now
  private long hung; // commands that hung, ever
  private long crashCountdown = -1;
  private CrashPoint crashPoint = CrashPoint.AFTER;
  private long haltCountdown = -1;

  /** The next command (on any node) starting with {@code prefix} fails once. */
  public synchronized Faults failOnce(List<String> prefix, int rc, String stderr) {
    return failTimes(null, prefix, 1, rc, stderr);
  }

  /**
   * The next {@code times} commands on {@code node} (null: any node) whose argv starts with {@code
   * prefix} fail with {@code rc} and {@code stderr}, without being applied.
   */
  public synchronized Faults failTimes(
      String node, List<String> prefix, int times, int rc, String stderr) {
    if (times <= 0 || rc == 0) {
      throw new IllegalArgumentException("a fault needs times > 0 and a non-zero exit code");
    }
    rules.add(new Rule(node, List.copyOf(prefix), new int[] {times}, rc, stderr));
    return this;
  }

  /** Every matching command fails until {@link #clear()}. */
  public synchronized Faults failAlways(String node, List<String> prefix, int rc, String stderr) {
    rules.add(new Rule(node, List.copyOf(prefix), new int[] {-1}, rc, stderr));
    return this;
  }

  /**
   * Every command on {@code node} whose argv starts with {@code prefix} succeeds with {@code
   * stdout} instead of the tool's real answer, without being applied — a tool of another version,
   * or an answer truncated or garbled on the way (issue 12).
   */
  public synchronized Faults answerAlways(String node, List<String> prefix, String stdout) {
    rules.add(new Rule(node, List.copyOf(prefix), new int[] {-1}, 0, "", stdout));
    return this;
  }

  /**
   * Every command on {@code node} whose argv starts with {@code prefix} runs and answers as usual,
   * then exits {@code rc} with {@code stderr}: a tool that wrote its whole report and failed after
   * it (LVM exits 5 once it has printed what it could read of a damaged VG), which a host that
   * reads the report before the exit sees only late (decision 045). Until {@link #clear()}.
   */
  public synchronized Faults failAfterAnswer(
      String node, List<String> prefix, int rc, String stderr) {
    if (rc == 0) {
      throw new IllegalArgumentException("a failure after the answer needs a non-zero exit code");
    }
    afterAnswer.add(new Rule(node, List.copyOf(prefix), new int[] {-1}, rc, stderr));
    return this;
  }

  /**
   * Every command on {@code node} (null: any node) whose argv starts with {@code prefix} (empty:
   * every command) hangs: it never answers, and its caller gets a timed-out result only when its
   * own timeout kills it (a probe blocked in the kernel, an SSH session whose peer went silent).
   * Nothing is applied. Until {@link #clear()} or {@link #stopHanging(String)}.
   */
  public synchronized Faults hangAlways(String node, List<String> prefix) {
    hangs.add(new Rule(node, List.copyOf(prefix), new int[] {-1}, -1, "timed out"));
    return this;
  }

  /** Ends the hangs set for {@code node} (null: those set for any node). */
  public synchronized Faults stopHanging(String node) {
    hangs.removeIf(r -> Objects.equals(r.node(), node));
    return this;
  }

  /** How many commands are hanging right now (a test waits for this event, not for a time). */
  public synchronized int hangingNow() {
    return hanging;
  }

  /** How many commands have hung so far (ended or not). */
  public synchronized long hungTotal() {
    return hung;
  }

  synchronized void hangStarted() {
    hanging++;
    hung++;
  }

  synchronized void hangEnded() {
    hanging--;
  }

  /** Whether {@code argv} on {@code node} hangs. */
  synchronized boolean hangs(String node, List<String> argv) {
    for (Rule r : hangs) {
      if ((r.node() == null || r.node().equals(node))
          && argv.size() >= r.prefix().size()
          && argv.subList(0, r.prefix().size()).equals(r.prefix())) {
        return true;
      }
    }
    return false;
  }

  /** Every host operation on {@code node} throws {@code HostUnreachableException} while set. */
  public synchronized Faults setUnreachable(String node, boolean value) {
    if (value) {
      unreachable.add(node);
    } else {
      unreachable.remove(node);
    }
    return this;
  }

  /**
   * The {@code n}-th mutating host operation from now (commands, file writes and deletes, on any
   * node) throws {@link SimulatedCrash}, before or after applying it.
   */
  public synchronized Faults crashAfter(int n, CrashPoint point) {
    if (n < 1) {
      throw new IllegalArgumentException("crashAfter needs n >= 1, got " + n);
    }
    crashCountdown = n;
    crashPoint = point;
    return this;
  }

  /**
   * The process halts at once (as if killed with SIGKILL: no shutdown hooks, nothing flushed) right
   * after the {@code n}-th state-changing operation from now — a command that is not a probe, or a
   * file write or delete — has been applied and persisted. Crash points at the daemon level are
   * chosen this way, by count, not by time.
   */
  public synchronized Faults haltAfterMutations(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("haltAfterMutations needs n >= 1, got " + n);
    }
    haltCountdown = n;
    return this;
  }

  /** Counts one state-changing operation; true when the process must halt after it. */
  synchronized boolean tickMutation() {
    if (haltCountdown > 0 && --haltCountdown == 0) {
      haltCountdown = -1;
      return true;
    }
    return false;
  }

  /** Removes every fault. */
  public synchronized void clear() {
    rules.clear();
    unreachable.clear();
    hangs.clear();
    afterAnswer.clear();
    crashCountdown = -1;
    haltCountdown = -1;
  }

  synchronized boolean unreachable(String node) {
    return unreachable.contains(node);
  }

  /** Counts one mutating operation; the crash point when this one is due to crash. */
  synchronized Optional<CrashPoint> tick() {
    if (crashCountdown > 0 && --crashCountdown == 0) {
      crashCountdown = -1;
      return Optional.of(crashPoint);
    }
    return Optional.empty();
  }

  /** {@code ran}, the answer of {@code argv}, as a {@link #failAfterAnswer} rule makes it end. */
  synchronized Result afterAnswer(String node, List<String> argv, Result ran) {
    for (Rule r : afterAnswer) {
      if ((r.node() == null || r.node().equals(node)) && matches(r, argv)) {
        byte[] err = r.stderr().getBytes(StandardCharsets.UTF_8);
        return new Result(argv, r.rc(), ran.stdout(), err, false);
      }
    }
    return ran;
  }

  private static boolean matches(Rule r, List<String> argv) {
    return argv.size() >= r.prefix().size()
        && argv.subList(0, r.prefix().size()).equals(r.prefix());
  }

  synchronized Optional<Result> match(String node, List<String> argv) {
    for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
      Rule r = it.next();
      if ((r.node() == null || r.node().equals(node)) && matches(r, argv)) {
        if (r.remaining()[0] > 0 && --r.remaining()[0] == 0) {
          it.remove();
        }
        return Optional.of(
            r.stdout() != null
                ? Result.ok(argv, r.stdout())
                : Result.failed(argv, r.rc(), r.stderr()));
      }
    }
    return Optional.empty();
  }
}
