package io.strata.executors.run;

import io.strata.planner.plan.Change;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run's state. All bookkeeping happens on the calling thread (the scheduler); workers only
 * apply a change and post how it ended, so no state here is shared. The per-node and overall limits
 * are counters the scheduler checks before starting a change — semaphores that never block a
 * worker.
 */
final class Walk {
  /** Why changes were not started once the fence closed. */
  static final String FENCED = "the fence closed (this process may no longer apply changes)";

  private static final AtomicInteger RUNS = new AtomicInteger();

  private final List<Change> changes;
  private final DependencyGraph graph;
  private final PlanRunner.Options options;
  private final Attempts attempts;
  private final Progress progress;

  private final ChangeResult[] results;
  private final int[] remaining;
  // Ready changes by plan index: starting the lowest first makes parallelism 1 deterministic.
  private final TreeSet<Integer> ready = new TreeSet<>();
  private final Map<String, Integer> runningPerNode = new HashMap<>();
  // node -> why it is unreachable (the change that found out, and the error)
  private final Map<String, String> unreachable = new HashMap<>();
  private final BlockingQueue<Attempts.Ended> ended = new LinkedBlockingQueue<>();
  private int running;
  private int done;
  private Throwable crash;
  private String crashedChange;
  private boolean fenced;

  Walk(
      List<Change> changes,
      DependencyGraph graph,
      PlanRunner.Options options,
      Attempts attempts,
      Progress progress) {
    this.changes = changes;
    this.graph = graph;
    this.options = options;
    this.attempts = attempts;
    this.progress = progress;
    int n = changes.size();
    results = new ChangeResult[n];
    remaining = new int[n];
    for (int i = 0; i < n; i++) {
      remaining[i] = graph.dependsOn(i).length;
      if (remaining[i] == 0) {
        ready.add(i);
      }
    }
  }

  ChangeResult[] results() {
    return results.clone();
  }

  /** Walks the graph to the end; returns the applier's crash, or null. */
  Throwable run() {
    int threads = Math.min(options.total(), Math.max(1, changes.size()));
    int runId = RUNS.incrementAndGet();
    AtomicInteger workerId = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "plan-run-" + runId + "-" + workerId.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    boolean interrupted = false;
    try {
      while (true) {
        if (crash == null && !fenced) {
          startReady(pool);
        }
        if (running == 0) {
          break;
        }
        Attempts.Ended e;
        try {
          e = ended.take();
        } catch (InterruptedException ie) {
          interrupted = true;
          // Treated like a crash: start nothing new, let running changes finish, then throw.
          if (crash == null) {
            crash = new IllegalStateException("the plan run was interrupted", ie);
            crashedChange = "(interrupt)";
          }
          continue;
        }
        running--;
        runningPerNode.merge(node(e.index()), -1, Integer::sum);
        finish(e);
      }
    } finally {
      pool.shutdownNow();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (fenced && crash == null) {
      for (int i = 0; i < results.length; i++) {
        if (results[i] == null) {
          resolve(i, ChangeStatus.SKIPPED, 0, "not started: " + FENCED);
        }
      }
    }
    if (crash != null) {
      String why = "not started: the run stopped because " + crashedChange + " crashed: " + crash;
      for (int i = 0; i < results.length; i++) {
        if (results[i] == null) {
          resolve(i, ChangeStatus.SKIPPED, 0, why);
        }
      }
    }
    return crash;
  }

  private void startReady(ExecutorService pool) {
    Iterator<Integer> it = ready.iterator();
    while (running < options.total() && it.hasNext()) {
      int i = it.next();
      String node = node(i);
      String why = unreachable.get(node);
      if (why != null) {
        it.remove();
        String msg = "node " + node + " is unreachable (" + why + ")";
        resolve(i, ChangeStatus.SKIPPED, 0, "skipped: " + msg);
        skipDependants(i, "was skipped: " + msg);
        continue;
      }
      if (runningPerNode.getOrDefault(node, 0) >= options.perNode()) {
        continue;
      }
      if (!options.fence().getAsBoolean()) {
        fenced = true; // asked right before starting, so a change never starts after loss
        return;
      }
      it.remove();
      running++;
      runningPerNode.merge(node, 1, Integer::sum);
      Change c = changes.get(i);
      progress.started(c);
      pool.execute(() -> ended.add(attempts.apply(i, c)));
    }
  }

  private void finish(Attempts.Ended e) {
    int i = e.index();
    Change c = changes.get(i);
    finished(
        i,
        new ChangeResult(
            c.id(), c.node(), e.status(), e.attempts(), e.duration(), e.message(), e.waited()));
    if (e.crash() != null) {
      if (crash == null) {
        crash = e.crash();
        crashedChange = graph.id(i);
      }
      return;
    }
    if (e.status() == ChangeStatus.SUCCEEDED) {
      for (int d : graph.dependants(i)) {
        if (--remaining[d] == 0 && results[d] == null) {
          ready.add(d);
        }
      }
      return;
    }
    if (e.unreachable()) {
      unreachable.putIfAbsent(node(i), graph.id(i) + " failed: " + e.message());
    }
    skipDependants(i, "failed: " + e.message());
  }

  /**
   * Skips everything downstream of {@code root}, naming {@code root} as the cause — except cleanup
   * changes ({@link Change#runsAfterFailure}): for them a failed or skipped dependency has ended
   * like a successful one, and they start once all their dependencies ended (decision 022).
   */
  private void skipDependants(int root, String what) {
    String why = "skipped: depends on " + graph.id(root) + " which " + what;
    ArrayDeque<Integer> ended = new ArrayDeque<>(); // changes just resolved, edges not yet followed
    ended.add(root);
    while (!ended.isEmpty()) {
      int e = ended.poll();
      for (int d : graph.dependants(e)) {
        if (results[d] != null) {
          continue;
        }
        if (changes.get(d).runsAfterFailure()) {
          if (--remaining[d] == 0) {
            ready.add(d);
          }
          continue;
        }
        resolve(d, ChangeStatus.SKIPPED, 0, why);
        ended.add(d);
      }
    }
  }

  private void resolve(int i, ChangeStatus status, int attemptCount, String message) {
    resolve(i, status, attemptCount, Duration.ZERO, message);
  }

  private void resolve(
      int i, ChangeStatus status, int attemptCount, Duration duration, String message) {
    Change c = changes.get(i);
    finished(i, new ChangeResult(c.id(), c.node(), status, attemptCount, duration, message));
  }

  private void finished(int i, ChangeResult result) {
    results[i] = result;
    done++;
    progress.finished(results[i], done, results.length);
  }

  private String node(int i) {
    String n = changes.get(i).node();
    return n == null ? "" : n;
  }
}
