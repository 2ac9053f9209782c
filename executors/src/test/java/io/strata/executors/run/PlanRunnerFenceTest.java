package io.strata.executors.run;

import static io.strata.executors.run.Changes.change;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.layer.ApplyOutcome;
import io.strata.planner.plan.Change;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The fence (the daemon's HA lease): once it closes, no change and no retry starts. */
class PlanRunnerFenceTest {
  private final List<String> applied = new CopyOnWriteArrayList<>();

  private RunReport run(List<Change> plan, ChangeApplier applier, AtomicBoolean open) {
    return new PlanRunner(
            applier,
            PlanRunner.Options.DEFAULT.withParallelism(1, 1).withFence(open::get),
            Progress.NONE,
            d -> {},
            new SplittableRandom(1),
            System::nanoTime)
        .run(plan);
  }

  @Test
  void nothingStartsAfterTheFenceCloses() {
    AtomicBoolean open = new AtomicBoolean(true);
    List<Change> plan =
        List.of(change("a", "n1"), change("b", "n1", "a"), change("c", "n2"), change("d", "n2"));
    RunReport report =
        run(
            plan,
            c -> {
              applied.add(c.id());
              open.set(false); // the lease is lost while the first change runs
              return ApplyOutcome.ok("done");
            },
            open);

    assertEquals(List.of("a"), applied);
    for (ChangeResult r : report.changes()) {
      if (!r.id().equals("a")) {
        assertEquals(ChangeStatus.SKIPPED, r.status(), r.id());
        assertTrue(r.message().contains("fence closed"), r.message());
      }
    }
  }

  @Test
  void aClosedFenceStopsRetries() {
    AtomicBoolean open = new AtomicBoolean(true);
    RunReport report =
        run(
            List.of(change("a", "n1")),
            c -> {
              applied.add(c.id());
              open.set(false);
              return ApplyOutcome.transientFailure("busy");
            },
            open);

    assertEquals(List.of("a"), applied);
    assertEquals(ChangeStatus.FAILED, report.changes().get(0).status());
    assertTrue(report.changes().get(0).message().contains("fence closed"));
  }

  @Test
  void aFenceClosedFromTheStartAppliesNothing() {
    RunReport report =
        run(
            List.of(change("a", "n1"), change("b", "n2")),
            c -> {
              applied.add(c.id());
              return ApplyOutcome.ok("done");
            },
            new AtomicBoolean(false));

    assertEquals(List.of(), applied);
    assertTrue(report.changes().stream().allMatch(r -> r.status() == ChangeStatus.SKIPPED));
  }
}
