package io.strata.executors.run;

import static io.strata.executors.run.Changes.change;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.HostUnreachableException;
import io.strata.executors.layer.ApplyOutcome;
import io.strata.planner.plan.Change;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PlanRunnerTest {
  private final List<Duration> slept = new CopyOnWriteArrayList<>();
  private final Sleeper recordingSleeper = slept::add;

  private PlanRunner runner(ChangeApplier applier, int perNode, int total) {
    return runner(applier, perNode, total, Progress.NONE);
  }

  private PlanRunner runner(ChangeApplier applier, int perNode, int total, Progress progress) {
    return new PlanRunner(
        applier,
        PlanRunner.Options.DEFAULT.withParallelism(perNode, total),
        progress,
        recordingSleeper,
        new SplittableRandom(7),
        System::nanoTime);
  }

  private static Map<String, RecordingApplier.Event> byId(RecordingApplier a) {
    Map<String, RecordingApplier.Event> m = new HashMap<>();
    for (RecordingApplier.Event e : a.events()) {
      m.put(e.id(), e);
    }
    return m;
  }

  /** Three-replica shapes: storage on three nodes, drbd on each depending on all three storage. */
  private static List<Change> replicated(int volumes) {
    List<Change> cs = new ArrayList<>();
    String[] nodes = {"alpha", "beta", "gamma", "delta"};
    for (int v = 0; v < volumes; v++) {
      List<String> storage = new ArrayList<>();
      for (int r = 0; r < 3; r++) {
        String node = nodes[(v + r) % nodes.length];
        String id = "v" + v + "/" + node + "/storage";
        storage.add(id);
        cs.add(change(id, node));
      }
      for (int r = 0; r < 3; r++) {
        String node = nodes[(v + r) % nodes.length];
        cs.add(change("v" + v + "/" + node + "/drbd", node, storage.toArray(String[]::new)));
      }
      String first = nodes[v % nodes.length];
      cs.add(change("v" + v + "/" + first + "/drbd-sync", first, "v" + v + "/" + first + "/drbd"));
    }
    return cs;
  }

  @Test
  void dependencyOrderIsRespectedUnderParallelism() {
    List<Change> plan = replicated(12);
    RecordingApplier applier = new RecordingApplier(3);
    RunReport report = runner(applier, 3, 8).run(plan);

    assertTrue(report.ok(), report.summary());
    Map<String, RecordingApplier.Event> ev = byId(applier);
    for (Change c : plan) {
      for (String dep : c.dependsOn()) {
        assertTrue(
            ev.get(dep).endSeq() < ev.get(c.id()).startSeq(),
            c.id() + " started before its dependency " + dep + " ended");
      }
    }
    assertTrue(applier.maxRunning() > 1, "nothing ran in parallel");
  }

  @Test
  void perNodeAndTotalLimitsAreNeverExceeded() {
    List<Change> plan = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      plan.add(change("c" + i, "n" + (i % 4)));
    }
    RecordingApplier applier = new RecordingApplier(10);
    RunReport report = runner(applier, 2, 5).run(plan);

    assertEquals(40, report.succeeded());
    assertTrue(applier.maxRunning() <= 5, "total limit exceeded: " + applier.maxRunning());
    assertTrue(applier.maxRunning() >= 2, "never ran in parallel");
    applier
        .maxPerNode()
        .forEach((node, max) -> assertTrue(max <= 2, node + " ran " + max + " at once"));
  }

  @Test
  void perNodeLimitHoldsWhenOneNodeHasAllTheWork() {
    List<Change> plan = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      plan.add(change("c" + i, "only"));
    }
    RecordingApplier applier = new RecordingApplier(5);
    runner(applier, 3, 64).run(plan);
    assertTrue(applier.maxPerNode("only") <= 3, "per-node limit exceeded");
  }

  @Test
  void transientFailuresAreRetriedWithJitteredBackoff() {
    RecordingApplier applier =
        new RecordingApplier(0)
            .script(
                "a",
                () -> ApplyOutcome.transientFailure("lock held"),
                () -> ApplyOutcome.transientFailure("lock held"));
    RunReport report = runner(applier, 4, 4).run(List.of(change("a", "n")));

    ChangeResult a = report.result("a");
    assertEquals(ChangeStatus.SUCCEEDED, a.status());
    assertEquals(3, a.attempts());
    assertEquals(2, slept.size());
    RetryPolicy p = RetryPolicy.DEFAULT;
    assertTrue(slept.get(0).toNanos() <= p.ceilingNanos(1), "first delay above 200ms");
    assertTrue(slept.get(1).toNanos() <= p.ceilingNanos(2), "second delay above 400ms");
  }

  @Test
  void transientFailureGivesUpAfterMaxAttempts() {
    RecordingApplier applier = new RecordingApplier(0);
    for (int i = 0; i < 10; i++) {
      applier.script("a", () -> ApplyOutcome.transientFailure("device busy"));
    }
    RunReport report = runner(applier, 4, 4).run(List.of(change("a", "n"), change("b", "n", "a")));

    ChangeResult a = report.result("a");
    assertEquals(ChangeStatus.FAILED, a.status());
    assertEquals(4, a.attempts());
    assertEquals("gave up after 4 attempts: device busy", a.message());
    assertEquals(3, slept.size());
    assertEquals(
        "skipped: depends on a which failed: gave up after 4 attempts: device busy",
        report.result("b").message());
  }

  @Test
  void terminalFailureSkipsOnlyItsDependantsNamingTheRootCause() {
    List<Change> plan =
        List.of(
            change("pg/alpha/storage", "alpha"),
            change("pg/alpha/drbd", "alpha", "pg/alpha/storage"),
            change("pg/alpha/nvme", "alpha", "pg/alpha/drbd"),
            change("other/beta/storage", "beta"),
            change("other/beta/drbd", "beta", "other/beta/storage"));
    RecordingApplier applier =
        new RecordingApplier(0)
            .script("pg/alpha/storage", () -> ApplyOutcome.terminal("VG vg0 is full"));
    RunReport report = runner(applier, 4, 4).run(plan);

    assertEquals(ChangeStatus.FAILED, report.result("pg/alpha/storage").status());
    assertEquals(1, report.result("pg/alpha/storage").attempts());
    for (String id : List.of("pg/alpha/drbd", "pg/alpha/nvme")) {
      ChangeResult r = report.result(id);
      assertEquals(ChangeStatus.SKIPPED, r.status());
      assertEquals(0, r.attempts());
      assertEquals(
          "skipped: depends on pg/alpha/storage which failed: VG vg0 is full", r.message());
    }
    assertEquals(ChangeStatus.SUCCEEDED, report.result("other/beta/drbd").status());
    assertEquals(List.of(), slept);
    assertEquals(2, report.succeeded());
    assertEquals(1, report.failed());
    assertEquals(2, report.skipped());
    assertTrue(
        byId(applier).keySet().stream().noneMatch(id -> id.startsWith("pg/alpha/d")),
        "a dependant of the failed change was applied");
  }

  @Test
  void unreachableNodeFailsItsChangeAndSkipsTheRestOfThatNode() {
    List<Change> plan =
        List.of(
            change("a1", "alpha"),
            change("b1", "beta"),
            change("a2", "alpha"),
            change("b2", "beta", "a2"));
    RecordingApplier applier =
        new RecordingApplier(0)
            .script(
                "a1",
                () -> {
                  throw new HostUnreachableException("alpha", "connection refused");
                });
    RunReport report = runner(applier, 1, 1).run(plan);

    assertEquals(ChangeStatus.FAILED, report.result("a1").status());
    assertEquals("alpha: unreachable: connection refused", report.result("a1").message());
    assertEquals(ChangeStatus.SUCCEEDED, report.result("b1").status());
    ChangeResult a2 = report.result("a2");
    assertEquals(ChangeStatus.SKIPPED, a2.status());
    assertEquals(
        "skipped: node alpha is unreachable (a1 failed: alpha: unreachable: connection refused)",
        a2.message());
    assertEquals(ChangeStatus.SKIPPED, report.result("b2").status());
    assertTrue(
        report.result("b2").message().startsWith("skipped: depends on a2 which was skipped"));
    assertEquals(List.of("a1", "b1"), applier.startOrder());
  }

  @Test
  void crashStopsSchedulingWaitsAndRethrows() {
    IllegalStateException bug = new IllegalStateException("bug in the lvm executor");
    RecordingApplier applier =
        new RecordingApplier(0)
            .script(
                "b",
                () -> {
                  throw bug;
                });
    List<RunReport> reports = new ArrayList<>();
    Progress progress =
        new Progress() {
          @Override
          public void runFinished(RunReport report) {
            reports.add(report);
          }
        };
    List<Change> plan = List.of(change("a", "n"), change("b", "n"), change("c", "n"));

    IllegalStateException thrown =
        assertThrows(IllegalStateException.class, () -> runner(applier, 1, 1, progress).run(plan));

    assertSame(bug, thrown);
    assertEquals(List.of("a", "b"), applier.startOrder());
    RunReport partial = reports.get(0);
    assertEquals(ChangeStatus.SUCCEEDED, partial.result("a").status());
    assertEquals(ChangeStatus.FAILED, partial.result("b").status());
    assertEquals(ChangeStatus.SKIPPED, partial.result("c").status());
    assertTrue(partial.result("c").message().contains("the run stopped because b crashed"));
  }

  @Test
  void crashWaitsForChangesAlreadyRunning() {
    CountDownLatch slowStarted = new CountDownLatch(1);
    ChangeApplier applier =
        c -> {
          if (c.id().equals("slow")) {
            slowStarted.countDown();
            try {
              Thread.sleep(300);
            } catch (InterruptedException e) {
              throw new AssertionError("the running change was interrupted", e);
            }
            return ApplyOutcome.ok("done");
          }
          try {
            slowStarted.await();
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
          throw new UnsupportedOperationException("bug");
        };
    List<RunReport> reports = new ArrayList<>();
    Progress progress =
        new Progress() {
          @Override
          public void runFinished(RunReport report) {
            reports.add(report);
          }
        };
    List<Change> plan =
        List.of(change("slow", "n1"), change("bad", "n2"), change("after", "n1", "slow"));

    assertThrows(
        UnsupportedOperationException.class, () -> runner(applier, 4, 4, progress).run(plan));

    RunReport partial = reports.get(0);
    assertEquals(ChangeStatus.SUCCEEDED, partial.result("slow").status());
    assertEquals(ChangeStatus.FAILED, partial.result("bad").status());
    assertEquals(ChangeStatus.SKIPPED, partial.result("after").status(), "started after a crash");
  }

  @Test
  void parallelismOneIsDeterministicInPlanOrder() {
    List<Change> plan = replicated(5);
    RecordingApplier first = new RecordingApplier(0);
    runner(first, 1, 1).run(plan);
    RecordingApplier second = new RecordingApplier(0);
    runner(second, 1, 1).run(plan);

    assertEquals(plan.stream().map(Change::id).toList(), first.startOrder());
    assertEquals(first.startOrder(), second.startOrder());
  }

  @Test
  void invalidPlansAreRejectedBeforeAnythingRuns() {
    RecordingApplier applier = new RecordingApplier(0);
    PlanRunner r = runner(applier, 1, 1);
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class, () -> r.run(List.of(change("a", "n", "ghost"))));
    assertTrue(unknown.getMessage().contains("a depends on ghost, which is not in the plan"));
    IllegalArgumentException cycle =
        assertThrows(
            IllegalArgumentException.class,
            () -> r.run(List.of(change("a", "n", "b"), change("b", "n", "a"))));
    assertTrue(cycle.getMessage().contains("dependency cycle"), cycle.getMessage());
    IllegalArgumentException dup =
        assertThrows(
            IllegalArgumentException.class,
            () -> r.run(List.of(change("a", "n"), change("a", "m"))));
    assertTrue(dup.getMessage().contains("a is the id of two changes"), dup.getMessage());
    assertEquals(List.of(), applier.events());
  }

  @Test
  void criticalPathIsWorkWithoutBackoff() {
    // a clock that moves only by hand: each attempt works 5 ms, the backoff sleeps what it is told
    AtomicLong clock = new AtomicLong();
    AtomicInteger calls = new AtomicInteger();
    ChangeApplier applier =
        c -> {
          clock.addAndGet(5_000_000);
          return c.id().equals("b") && calls.incrementAndGet() == 1
              ? ApplyOutcome.transientFailure("peer not up yet")
              : ApplyOutcome.ok("done");
        };
    Sleeper sleeper = d -> clock.addAndGet(d.toNanos());
    RunReport report =
        new PlanRunner(
                applier,
                PlanRunner.Options.DEFAULT.withParallelism(1, 1),
                Progress.NONE,
                sleeper,
                new SplittableRandom(7),
                clock::get)
            .run(List.of(change("a", "n"), change("b", "n", "a")));

    assertTrue(report.ok(), report.summary());
    ChangeResult b = report.changes().get(1);
    assertEquals(2, b.attempts());
    assertTrue(b.waited().compareTo(Duration.ZERO) > 0, "b backed off: " + b);
    assertEquals(Duration.ofMillis(10), b.work());
    assertEquals(Duration.ofMillis(15), report.criticalPath());
    assertEquals(Duration.ofMillis(15).plus(b.waited()), report.wallTime());
  }

  @Test
  void emptyPlanIsAnEmptyReport() {
    RunReport report = runner(new RecordingApplier(0), 4, 64).run(List.of());
    assertEquals(0, report.changes().size());
    assertEquals(Duration.ZERO, report.criticalPath());
    assertTrue(report.ok());
  }
}
