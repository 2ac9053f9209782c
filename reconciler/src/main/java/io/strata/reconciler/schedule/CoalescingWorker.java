package io.strata.reconciler.schedule;

import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work one item at a time on a single thread. A request for work that is already pending is
 * merged into it, so any burst of triggers (webhooks, polls) while a cycle runs leaves at most one
 * cycle pending; since every cycle fetches first, the newest commit wins.
 */
public final class CoalescingWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CoalescingWorker.class);

  private final Consumer<Work> runner;
  private final ExecutorService executor;
  private final EnumSet<Work> pending = EnumSet.noneOf(Work.class);
  private final Map<Work, AtomicLong> completed = new EnumMap<>(Work.class);
  private boolean draining;
  private boolean closed;

  public CoalescingWorker(Consumer<Work> runner) {
    this.runner = runner;
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "strata-cycle");
              t.setDaemon(false);
              return t;
            });
    for (Work w : Work.values()) {
      completed.put(w, new AtomicLong());
    }
  }

  /**
   * Asks for {@code work} to run. Returns {@code true} if it was queued, {@code false} if it was
   * merged into an already pending request or the worker is closed.
   */
  public boolean request(Work work) {
    synchronized (pending) {
      if (closed || !pending.add(work)) {
        return false;
      }
      if (!draining) {
        draining = true;
        executor.execute(this::drain);
      }
      return true;
    }
  }

  private void drain() {
    while (true) {
      Work next;
      synchronized (pending) {
        if (pending.isEmpty() || closed) {
          draining = false;
          pending.clear();
          return;
        }
        next = pending.iterator().next();
        pending.remove(next);
      }
      try {
        runner.accept(next);
      } catch (RuntimeException e) {
        // A bug in one cycle must not kill the worker; the next trigger runs again.
        LOG.error("{} failed unexpectedly", next, e);
      } finally {
        completed.get(next).incrementAndGet();
      }
    }
  }

  /** How many times {@code work} ran to completion (or failure). */
  public long completed(Work work) {
    return completed.get(work).get();
  }

  /**
   * Stops accepting work, drops pending requests and waits up to {@code wait} for the running item
   * to finish. Returns whether it finished in time.
   */
  public boolean stop(Duration wait) {
    synchronized (pending) {
      closed = true;
      pending.clear();
    }
    executor.shutdown();
    try {
      return executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    if (!stop(Duration.ofSeconds(30))) {
      executor.shutdownNow();
    }
  }
}
