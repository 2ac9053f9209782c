package io.strata.executors.run;

import static io.strata.executors.run.Changes.change;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.layer.ApplyOutcome;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.schema.model.Layer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The runner's cleanup changes (decision 022): a resume after a snapshot group runs once all its
 * dependencies ended, whatever their outcome, and only then.
 */
class CleanupChangeTest {

  private static Change fence(String id, String node, boolean suspend, String... deps) {
    return new Change(
        id,
        Action.SNAPSHOT,
        Layer.DRBD,
        node,
        "v",
        "v",
        null,
        List.of(deps),
        "test",
        new ObjectSpec.DrbdIoFence("v", "s", suspend));
  }

  /** suspend on a and b, snapshot on a and b, resume on a and b, plus an unrelated change. */
  private static List<Change> group() {
    return List.of(
        fence("a:suspend", "a", true),
        fence("b:suspend", "b", true),
        change("a:snap", "a", "a:suspend", "b:suspend"),
        change("b:snap", "b", "a:suspend", "b:suspend"),
        change("after", "a", "a:snap"),
        fence("a:resume", "a", false, "a:suspend", "a:snap", "b:snap"),
        fence("b:resume", "b", false, "b:suspend", "a:snap", "b:snap"));
  }

  private static RunReport run(RecordingApplier applier) {
    return new PlanRunner(
            applier,
            PlanRunner.Options.DEFAULT.withParallelism(4, 8),
            Progress.NONE,
            d -> {},
            new SplittableRandom(1),
            System::nanoTime)
        .run(group());
  }

  private static Map<String, RecordingApplier.Event> byId(RecordingApplier a) {
    Map<String, RecordingApplier.Event> m = new HashMap<>();
    a.events().forEach(e -> m.put(e.id(), e));
    return m;
  }

  @Test
  void aFailedSnapshotStillResumesEveryNodeAfterTheOtherSnapshotEnded() {
    RecordingApplier applier =
        new RecordingApplier(0).script("a:snap", () -> ApplyOutcome.terminal("thin pool full"));
    RunReport report = run(applier);

    assertEquals(ChangeStatus.FAILED, report.result("a:snap").status());
    assertEquals(ChangeStatus.SKIPPED, report.result("after").status());
    assertEquals(ChangeStatus.SUCCEEDED, report.result("a:resume").status());
    assertEquals(ChangeStatus.SUCCEEDED, report.result("b:resume").status());
    Map<String, RecordingApplier.Event> ev = byId(applier);
    for (String resume : List.of("a:resume", "b:resume")) {
      for (String snap : List.of("a:snap", "b:snap")) {
        assertTrue(
            ev.get(resume).startSeq() > ev.get(snap).endSeq(),
            resume + " started before " + snap + " ended");
      }
    }
  }

  @Test
  void aFailedSuspendSkipsTheSnapshotsAndStillResumes() {
    RecordingApplier applier =
        new RecordingApplier(0).script("b:suspend", () -> ApplyOutcome.terminal("not running"));
    RunReport report = run(applier);

    assertEquals(ChangeStatus.SKIPPED, report.result("a:snap").status());
    assertEquals(ChangeStatus.SKIPPED, report.result("b:snap").status());
    assertEquals(ChangeStatus.SUCCEEDED, report.result("a:resume").status());
    assertEquals(ChangeStatus.SUCCEEDED, report.result("b:resume").status());
    assertTrue(byId(applier).get("a:resume").startSeq() > byId(applier).get("a:suspend").endSeq());
  }

  @Test
  void withoutFailureTheResumesFollowTheSnapshots() {
    RecordingApplier applier = new RecordingApplier(0);
    RunReport report = run(applier);
    assertEquals(7, report.succeeded());
    Map<String, RecordingApplier.Event> ev = byId(applier);
    assertTrue(ev.get("a:resume").startSeq() > ev.get("b:snap").endSeq());
  }
}
