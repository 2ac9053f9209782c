package io.strata.simulator.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Probes of one JVM share a state folder; a probe that would change it runs again alone. */
class FileStoreSharingTest {
  @TempDir Path dir;

  private static SimNode named(String name) {
    SimNode n = new SimNode();
    n.name = name;
    return n;
  }

  private FileStore store(boolean readOnly) {
    return new FileStore(dir, FileStoreSharingTest::named, readOnly);
  }

  /** Seeds {@code n1} with a writing store, so that the folder and its lock file exist. */
  private FileStore seeded() {
    FileStore writer = store(false);
    writer.transact(cs -> cs.node("n1"));
    return writer;
  }

  @Test
  void twoProbesRunAtOnce() throws Exception {
    FileStore store = seeded();
    CountDownLatch both = new CountDownLatch(2);
    // each probe waits inside the store for the other: only probes that share it both get there
    Function<ClusterState, Boolean> meet =
        cs -> {
          cs.existing("n1").orElseThrow();
          both.countDown();
          try {
            return both.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        };
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      Future<Boolean> a = two.submit(() -> store.probe(meet));
      Future<Boolean> b = two.submit(() -> store.probe(meet));
      assertTrue(a.get(30, TimeUnit.SECONDS), "the first probe met the second inside the store");
      assertTrue(b.get(30, TimeUnit.SECONDS), "the second probe met the first inside the store");
    } finally {
      two.shutdownNow();
    }
  }

  @Test
  void sharingProbesReadTheSameParsedNode() {
    seeded();
    FileStore store = store(false);
    SimNode first = store.probe(cs -> cs.existing("n1").orElseThrow());
    assertSame(first, store.probe(cs -> cs.existing("n1").orElseThrow()));
  }

  @Test
  void aProbeThatChangesTheStateStopsBeforeTheChangeAndRunsAlone() {
    FileStore store = seeded();
    AtomicInteger runs = new AtomicInteger();
    List<Boolean> sawChange =
        store.probe(
            cs -> {
              runs.incrementAndGet();
              SimNode n = cs.existing("n1").orElseThrow();
              boolean before = n.links.containsKey("/dev/x");
              cs.changed(); // a shared probe stops here, having changed nothing
              n.links.put("/dev/x", "/dev/y");
              return List.of(before);
            });
    assertEquals(2, runs.get(), "once sharing, stopped at changed(); once alone");
    assertFalse(sawChange.get(0), "the shared run changed nothing the second run saw");
    // stored: a new store reads it from the file
    assertEquals(
        "/dev/y", store(false).probe(cs -> cs.existing("n1").orElseThrow().links.get("/dev/x")));
  }

  @Test
  void aChangeByAnotherStoreIsSeenByTheNextProbe() {
    FileStore reader = seeded();
    FileStore writer = store(false);
    boolean before =
        reader.probe(cs -> cs.existing("n1").orElseThrow().links.containsKey("/dev/x"));
    assertFalse(before);
    writer.transact(
        cs -> {
          cs.existing("n1").orElseThrow().links.put("/dev/x", "/dev/y");
          return null;
        });
    // the reader's file check of its last sharing group does not carry over to the next one
    assertEquals("/dev/y", reader.probe(cs -> cs.existing("n1").orElseThrow().links.get("/dev/x")));
  }

  @Test
  void aProbeSeedingANewNodeRunsAlone() {
    FileStore store = seeded();
    AtomicInteger runs = new AtomicInteger();
    store.probe(
        cs -> {
          runs.incrementAndGet();
          return cs.node("n2");
        });
    assertEquals(2, runs.get());
    assertTrue(store(false).probe(cs -> cs.existing("n2")).isPresent(), "n2 was stored");
  }

  @Test
  void aReadOnlyStoreDropsWhatItsProbeChanged() {
    seeded();
    FileStore readOnly = store(true);
    readOnly.probe(
        cs -> {
          SimNode n = cs.existing("n1").orElseThrow();
          cs.changed();
          n.links.put("/dev/x", "/dev/y");
          return null;
        });
    boolean kept =
        readOnly.probe(cs -> cs.existing("n1").orElseThrow().links.containsKey("/dev/x"));
    assertFalse(kept, "what a read-only store's probe changed is dropped");
  }

  @Test
  void aFailingSharedProbeChangesNothingAndKeepsNoGroup() {
    FileStore store = seeded();
    assertThrows(
        IllegalStateException.class,
        () ->
            store.probe(
                cs -> {
                  cs.existing("n1").orElseThrow();
                  throw new IllegalStateException("the tool crashed");
                }));
    // the OS lock was released with the group: a transaction still gets the folder
    store.transact(cs -> cs.node("n3"));
    assertTrue(store.probe(cs -> cs.existing("n3")).isPresent());
  }
}
