package io.strata.executors.run;

import io.strata.planner.plan.Change;
import io.strata.planner.plan.Plan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Applies a plan by walking its dependency graph: every change starts as soon as all its
 * dependencies succeeded, within a per-node and an overall parallelism limit. Transient failures
 * are retried ({@link RetryPolicy}); dependants of a failed change are skipped naming the root
 * cause while independent changes still run; a {@link
 * io.strata.executors.host.HostUnreachableException} fails the change and skips the node's
 * remaining changes. With an overall limit of 1 the order is the plan's order, deterministic. A
 * change waiting to retry keeps its slot (its node is likely busy; retrying elsewhere meanwhile
 * would only add load). A cleanup change ({@link io.strata.planner.plan.Change#runsAfterFailure},
 * the resume after a snapshot group) is never skipped because a dependency failed: it starts once
 * all its dependencies ended, whatever their outcome (docs/decisions/022).
 *
 * <p>If the applier throws anything else (a bug), no new change is started, the running ones are
 * awaited, {@link Progress#runFinished} gets the partial report, and the exception is rethrown.
 *
 * <p>A runner is reusable and thread-safe: each {@link #run} has its own state.
 */
public final class PlanRunner {
  /**
   * Limits: changes in flight per node and overall, and the retry policy; {@code fence} is asked
   * before every attempt of every change: once it answers false, nothing more starts (changes not
   * started are skipped, naming the fence), and the running ones are awaited. The daemon's HA lease
   * is such a fence; the runner knows nothing else about it.
   */
  public record Options(int perNode, int total, RetryPolicy retry, BooleanSupplier fence) {
    public static final Options DEFAULT = new Options(4, 64, RetryPolicy.DEFAULT);

    public Options {
      if (perNode < 1 || total < 1) {
        throw new IllegalArgumentException(
            "parallelism must be at least 1 (perNode=" + perNode + ", total=" + total + ")");
      }
      Objects.requireNonNull(retry, "retry");
      Objects.requireNonNull(fence, "fence");
    }

    /** Unfenced: every change may start. */
    public Options(int perNode, int total, RetryPolicy retry) {
      this(perNode, total, retry, () -> true);
    }

    public Options withParallelism(int perNode, int total) {
      return new Options(perNode, total, retry, fence);
    }

    public Options withRetry(RetryPolicy retry) {
      return new Options(perNode, total, retry, fence);
    }

    public Options withFence(BooleanSupplier fence) {
      return new Options(perNode, total, retry, fence);
    }
  }

  private final ChangeApplier applier;
  private final Options options;
  private final Progress progress;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private final LongSupplier nanoTime;

  public PlanRunner(ChangeApplier applier, Options options, Progress progress) {
    this(applier, options, progress, Sleeper.SYSTEM, new SplittableRandom(), System::nanoTime);
  }

  /**
   * @param sleeper waits between retries (tests pass one that does not wait)
   * @param random the jitter source (shared by workers under a lock)
   * @param nanoTime the clock for durations
   */
  public PlanRunner(
      ChangeApplier applier,
      Options options,
      Progress progress,
      Sleeper sleeper,
      RandomGenerator random,
      LongSupplier nanoTime) {
    this.applier = Objects.requireNonNull(applier, "applier");
    this.options = Objects.requireNonNull(options, "options");
    this.progress = Objects.requireNonNull(progress, "progress");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.random = Objects.requireNonNull(random, "random");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  public RunReport run(Plan plan) {
    return run(plan.changes());
  }

  /**
   * Applies {@code changes} (a plan's changes; their {@code dependsOn} must name ids in the list
   * and be acyclic, else IllegalArgumentException before anything runs).
   */
  public RunReport run(List<Change> changes) {
    List<String> ids = new ArrayList<>(changes.size());
    List<List<String>> deps = new ArrayList<>(changes.size());
    for (Change c : changes) {
      ids.add(c.id());
      deps.add(c.dependsOn());
    }
    DependencyGraph graph = new DependencyGraph(ids, deps);
    Attempts attempts =
        new Attempts(
            applier, options.retry(), options.fence(), sleeper, random, progress, nanoTime);
    long t0 = nanoTime.getAsLong();
    Walk walk = new Walk(List.copyOf(changes), graph, options, attempts, progress);
    Throwable crash;
    try {
      crash = walk.run();
    } catch (RuntimeException | Error e) {
      crash = e; // a bug in the walk itself: still report what is known
    }
    // Status is reported on every exit path (STYLE #7), also before rethrowing a crash.
    RunReport report = report(changes, graph, walk.results(), nanoTime.getAsLong() - t0);
    progress.runFinished(report);
    if (crash == null) {
      return report;
    }
    if (crash instanceof RuntimeException r) {
      throw r;
    }
    if (crash instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException("run interrupted", crash);
  }

  private static RunReport report(
      List<Change> changes, DependencyGraph graph, ChangeResult[] results, long wallNanos) {
    List<ChangeResult> list = new ArrayList<>(results.length);
    Map<String, List<String>> dependsOn = new HashMap<>();
    Map<String, Duration> durations = new HashMap<>();
    for (int i = 0; i < results.length; i++) {
      ChangeResult r = results[i];
      if (r == null) { // only when the walk itself failed unexpectedly
        Change c = changes.get(i);
        r = new ChangeResult(c.id(), c.node(), ChangeStatus.SKIPPED, 0, Duration.ZERO, "not run");
      }
      list.add(r);
      dependsOn.put(r.id(), changes.get(i).dependsOn());
      durations.put(r.id(), r.work()); // the critical path of work: backoff is overhead
    }
    List<String> order = graph.topologicalOrder();
    CriticalPath.Path cp = CriticalPath.of(order, dependsOn, durations);
    return new RunReport(list, Duration.ofNanos(wallNanos), cp.length(), cp.ids());
  }
}
