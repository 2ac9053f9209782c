package io.strata.executors.bench;

import io.strata.executors.layer.ApplyOutcome;
import io.strata.executors.run.PlanRunner;
import io.strata.executors.run.Progress;
import io.strata.executors.run.RunReport;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.schema.model.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Plan runner throughput on a synthetic plan: {@code nodes} nodes, {@code volumes} three-replica
 * volumes (storage on 3 nodes; drbd on the same 3, each depending on all 3 storage changes; one
 * initial-sync change depending on the 3 drbd changes), a fake applier sleeping {@code ms} per
 * change. Prints wall time against the critical path and the serial time. Not a test: run with
 *
 * <pre>
 * mvn -B -q -pl executors -am test-compile &&
 * java -cp "executors/target/test-classes:executors/target/classes:$(cat cp.txt)" \
 *   io.strata.executors.bench.RunnerBench [nodes volumes ms]
 * </pre>
 */
public final class RunnerBench {
  private RunnerBench() {}

  public static void main(String[] args) {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int volumes = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    long ms = args.length > 2 ? Long.parseLong(args[2]) : 5;
    List<Change> plan = plan(nodes, volumes, new Random(42));

    // Warm-up (JIT, thread creation), then the measured runs.
    run(plan(nodes, 50, new Random(1)), 0, PlanRunner.Options.DEFAULT);
    System.out.printf(
        "plan: %d nodes, %d volumes, %d changes, applier sleeps %d ms%n",
        nodes, volumes, plan.size(), ms);
    report("defaults (4/node, 64 total)", run(plan, ms, PlanRunner.Options.DEFAULT));
    report("scheduler overhead (0 ms applier)", run(plan, 0, PlanRunner.Options.DEFAULT));
  }

  private static RunReport run(List<Change> plan, long ms, PlanRunner.Options options) {
    PlanRunner runner =
        new PlanRunner(
            c -> {
              if (ms > 0) {
                try {
                  Thread.sleep(ms);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              return ApplyOutcome.ok("done");
            },
            options,
            Progress.NONE);
    return runner.run(plan);
  }

  private static void report(String what, RunReport r) {
    double wall = r.wallTime().toNanos() / 1e6;
    double cp = r.criticalPath().toNanos() / 1e6;
    double serial = r.serialTime().toNanos() / 1e6;
    System.out.printf(
        "%s: %s%n  wall %.0f ms | critical path %.1f ms (%d changes long) | serial %.0f ms%n"
            + "  wall/critical path %.1fx | serial/wall speed-up %.1fx | serial/64 bound %.0f ms%n",
        what,
        r.summary(),
        wall,
        cp,
        r.criticalPathIds().size(),
        serial,
        wall / Math.max(cp, 1e-9),
        serial / wall,
        serial / 64);
  }

  static List<Change> plan(int nodes, int volumes, Random rnd) {
    List<Change> cs = new ArrayList<>();
    for (int v = 0; v < volumes; v++) {
      String vol = String.format("vol%05d", v);
      List<String> replicas = new ArrayList<>();
      while (replicas.size() < 3) {
        String n = String.format("node%03d", rnd.nextInt(nodes));
        if (!replicas.contains(n)) {
          replicas.add(n);
        }
      }
      List<String> storage = new ArrayList<>();
      for (String n : replicas) {
        String id = vol + "/" + n + "/storage";
        storage.add(id);
        cs.add(change(id, n, vol, Layer.STORAGE, List.of()));
      }
      List<String> drbd = new ArrayList<>();
      for (String n : replicas) {
        String id = vol + "/" + n + "/drbd";
        drbd.add(id);
        cs.add(change(id, n, vol, Layer.DRBD, storage));
      }
      String first = replicas.get(0);
      cs.add(change(vol + "/" + first + "/drbd-initial-sync", first, vol, Layer.DRBD, drbd));
    }
    return cs;
  }

  private static Change change(
      String id, String node, String vol, Layer layer, List<String> dependsOn) {
    return new Change(id, Action.CREATE, layer, node, vol, id, null, dependsOn, "bench", null);
  }
}
