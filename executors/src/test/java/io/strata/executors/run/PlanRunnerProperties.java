package io.strata.executors.run;

import static io.strata.executors.run.Changes.change;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.layer.ApplyOutcome;
import io.strata.planner.plan.Change;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class PlanRunnerProperties {

  /**
   * For random DAGs (listed in random order), random failures and random limits: every applied
   * change started after all its dependencies finished successfully, and every change is either
   * applied (exactly when all its dependencies succeeded) or skipped naming a failed ancestor.
   */
  @Property(tries = 150)
  void walkRespectsDependenciesAndSkipsOnlyDownstreamOfFailures(
      @ForAll @IntRange(min = 1, max = 40) int n,
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 3) int perNode,
      @ForAll @IntRange(min = 1, max = 8) int total) {
    Random rnd = new Random(seed);
    List<Change> plan = new ArrayList<>();
    Map<String, List<String>> deps = new HashMap<>();
    Set<String> failing = new HashSet<>();
    for (int i = 0; i < n; i++) {
      String id = "c" + i;
      List<String> d = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        if (rnd.nextInt(4) == 0) {
          d.add("c" + j);
        }
      }
      deps.put(id, d);
      plan.add(change(id, "n" + rnd.nextInt(3), d.toArray(String[]::new)));
      if (rnd.nextInt(6) == 0) {
        failing.add(id);
      }
    }
    Collections.shuffle(plan, rnd);
    RecordingApplier applier = new RecordingApplier(0);
    for (String id : failing) {
      applier.script(id, () -> ApplyOutcome.terminal("broken " + id));
    }
    PlanRunner runner =
        new PlanRunner(
            applier,
            PlanRunner.Options.DEFAULT.withParallelism(perNode, total),
            Progress.NONE,
            d -> {},
            new SplittableRandom(seed),
            System::nanoTime);

    RunReport report = runner.run(plan);

    Map<String, RecordingApplier.Event> ran = new HashMap<>();
    applier.events().forEach(e -> ran.put(e.id(), e));
    assertEquals(n, report.changes().size());
    for (Change c : plan) {
      ChangeResult r = report.result(c.id());
      boolean depsOk =
          c.dependsOn().stream().allMatch(d -> report.result(d).status() == ChangeStatus.SUCCEEDED);
      if (depsOk) {
        assertTrue(ran.containsKey(c.id()), c.id() + " was never applied");
        for (String d : c.dependsOn()) {
          assertTrue(
              ran.get(d).endSeq() < ran.get(c.id()).startSeq(),
              c.id() + " started before " + d + " finished");
        }
        ChangeStatus expected =
            failing.contains(c.id()) ? ChangeStatus.FAILED : ChangeStatus.SUCCEEDED;
        assertEquals(expected, r.status(), c.id());
        assertEquals(1, r.attempts());
      } else {
        assertTrue(!ran.containsKey(c.id()), c.id() + " was applied though a dependency failed");
        assertEquals(ChangeStatus.SKIPPED, r.status());
        String root =
            r.message().replaceFirst("^skipped: depends on (\\S+) which failed: .*$", "$1");
        assertTrue(failing.contains(root), r.message());
        assertTrue(ancestors(c.id(), deps).contains(root), root + " is not upstream of " + c.id());
      }
    }
    assertTrue(applier.maxRunning() <= total);
    applier.maxPerNode().values().forEach(m -> assertTrue(m <= perNode));
    assertTrue(report.wallTime().compareTo(Duration.ZERO) > 0);
  }

  private static Set<String> ancestors(String id, Map<String, List<String>> deps) {
    Set<String> seen = new HashSet<>();
    List<String> todo = new ArrayList<>(deps.get(id));
    while (!todo.isEmpty()) {
      String d = todo.remove(todo.size() - 1);
      if (seen.add(d)) {
        todo.addAll(deps.get(d));
      }
    }
    return seen;
  }
}
