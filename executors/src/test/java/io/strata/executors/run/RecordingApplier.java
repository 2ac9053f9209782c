package io.strata.executors.run;

import io.strata.executors.layer.ApplyOutcome;
import io.strata.planner.plan.Change;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A stateful fake applier: records when each change started and ended (a global sequence), how many
 * ran at once overall and per node, and plays scripted outcomes per change id (default success).
 * Scripts may also throw.
 */
final class RecordingApplier implements ChangeApplier {
  record Event(String id, String node, long startSeq, long endSeq) {}

  private final AtomicLong seq = new AtomicLong();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger maxRunning = new AtomicInteger();
  private final Map<String, AtomicInteger> runningPerNode = new ConcurrentHashMap<>();
  private final Map<String, Integer> maxPerNode = new ConcurrentHashMap<>();
  private final Map<String, Deque<Supplier<ApplyOutcome>>> scripts = new HashMap<>();
  private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
  private final long workMillis;

  RecordingApplier(long workMillis) {
    this.workMillis = workMillis;
  }

  /** The next calls for {@code id} play these, in order; later calls succeed. */
  @SafeVarargs
  final synchronized RecordingApplier script(String id, Supplier<ApplyOutcome>... outcomes) {
    scripts.computeIfAbsent(id, k -> new ArrayDeque<>()).addAll(List.of(outcomes));
    return this;
  }

  @Override
  public ApplyOutcome apply(Change change) {
    long start = seq.incrementAndGet();
    int now = running.incrementAndGet();
    maxRunning.accumulateAndGet(now, Math::max);
    int nodeNow =
        runningPerNode.computeIfAbsent(change.node(), k -> new AtomicInteger()).incrementAndGet();
    maxPerNode.merge(change.node(), nodeNow, Math::max);
    try {
      if (workMillis > 0) {
        Thread.sleep(workMillis);
      }
      Supplier<ApplyOutcome> next;
      synchronized (this) {
        Deque<Supplier<ApplyOutcome>> q = scripts.get(change.id());
        next = q == null || q.isEmpty() ? () -> ApplyOutcome.ok("done") : q.poll();
      }
      return next.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      runningPerNode.get(change.node()).decrementAndGet();
      running.decrementAndGet();
      events.add(new Event(change.id(), change.node(), start, seq.incrementAndGet()));
    }
  }

  List<Event> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  /** Calls per id, in call order of the first call. */
  List<String> startOrder() {
    return events().stream()
        .sorted((a, b) -> Long.compare(a.startSeq(), b.startSeq()))
        .map(Event::id)
        .toList();
  }

  int maxRunning() {
    return maxRunning.get();
  }

  int maxPerNode(String node) {
    return maxPerNode.getOrDefault(node, 0);
  }

  Map<String, Integer> maxPerNode() {
    return Map.copyOf(maxPerNode);
  }
}
