package io.strata.reconciler.daemon;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A one-node cluster with state: volumes and their sizes in GiB on node alpha, volumes whose
 * changes fail, slow steps, and gates to hold a step while a test looks at the daemon.
 */
final class FakeCluster {
  private final Map<String, Long> volumes = new TreeMap<>();
  final Set<String> failing = ConcurrentHashMap.newKeySet();
  final Map<String, AtomicInteger> applyAttempts = new ConcurrentHashMap<>();
  final AtomicInteger observations = new AtomicInteger();

  /** Observations a cycle asked for a new commit only (observeChanges; also counted above). */
  final AtomicInteger changeObservations = new AtomicInteger();

  volatile long observeDelayMs;
  volatile long applyDelayMs;
  volatile CountDownLatch observeGate;
  final CountDownLatch applyStarted = new CountDownLatch(1);

  synchronized Map<String, Long> volumes() {
    return Map.copyOf(volumes);
  }

  synchronized void put(String volume, long gib) {
    volumes.put(volume, gib);
  }

  /** Out-of-band change, as an administrator would make by hand: drift. */
  synchronized void remove(String volume) {
    volumes.remove(volume);
  }

  int attempts(String volume) {
    AtomicInteger n = applyAttempts.get(volume);
    return n == null ? 0 : n.get();
  }
}
