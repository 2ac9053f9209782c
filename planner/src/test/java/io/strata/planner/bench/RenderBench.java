package io.strata.planner.bench;

import io.strata.planner.json.PlanJson;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Plan;
import io.strata.planner.plan.SizeChange;
import io.strata.planner.render.MarkdownRenderer;
import io.strata.planner.render.TextRenderer;
import io.strata.planner.samples.SampleCommands;
import io.strata.schema.model.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * How long the renderings of a large plan take (not part of the test run). Run after {@code mvn -B
 * -q -pl planner -am test-compile} with the test classpath, e.g. {@code java -cp
 * planner/target/classes:planner/target/test-classes:… io.strata.planner.bench.RenderBench 20000}.
 */
public final class RenderBench {
  private RenderBench() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String vol = String.format("vol-%06d", i / 3);
      String node = "node-" + (i % 100);
      changes.add(
          new Change(
              vol + "/" + node + "/storage",
              i % 7 == 0 ? Action.DELETE : Action.CREATE,
              Layer.STORAGE,
              node,
              vol,
              "vg0/" + vol + "_00000",
              new SizeChange(1L << 30, (1L << 30) + (4L << 20)),
              List.of(),
              "replica missing",
              new ObjectSpec.Lv(
                  "vg0", null, vol + "_00000", 1L << 30, List.of("/dev/sdb"), false)));
    }
    Plan plan = new Plan("0".repeat(40), "sha256:" + "0".repeat(64), changes, List.of(), List.of());
    for (int round = 0; round < 3; round++) {
      String json = time("PlanJson.write", () -> PlanJson.write(plan, SampleCommands.INSTANCE));
      time("PlanJson.read", () -> PlanJson.read(json));
      time("TextRenderer", () -> TextRenderer.render(plan, SampleCommands.INSTANCE, false));
      String md =
          time("MarkdownRenderer", () -> MarkdownRenderer.render(plan, SampleCommands.INSTANCE));
      System.out.printf("  json %,d chars, markdown %,d chars%n", json.length(), md.length());
    }
  }

  private static <T> T time(String what, Supplier<T> f) {
    long t0 = System.nanoTime();
    T r = f.get();
    System.out.printf("%-18s %6d ms%n", what, (System.nanoTime() - t0) / 1_000_000);
    return r;
  }
}
