package io.strata.planner.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.CommandPreview;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Plan;
import io.strata.planner.plan.Refusal;
import io.strata.planner.plan.SizeChange;
import io.strata.planner.samples.SampleCommands;
import io.strata.planner.samples.SamplePlans;
import io.strata.schema.model.Layer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest {

  /** {@code changes} changes over {@code nodes} nodes; every fifth one a delete. */
  static Plan big(int changes, int nodes, int refusals, int warnings) {
    List<Change> list = new ArrayList<>();
    for (int i = 0; i < changes; i++) {
      String volume = String.format("vol-%05d", i);
      String node = String.format("node-%03d", i % nodes);
      boolean delete = i % 5 == 0;
      list.add(
          new Change(
              volume + "/" + node + "/storage",
              delete ? Action.DELETE : Action.CREATE,
              Layer.STORAGE,
              node,
              volume,
              "vg0/" + volume + "_00000",
              delete
                  ? null
                  : new SizeChange(SamplePlans.GIB, SamplePlans.GIB + 4 * SamplePlans.MIB),
              List.of(),
              delete ? "volume left Git (deletionPolicy Delete, prune)" : "replica missing",
              new ObjectSpec.Lv(
                  "vg0", null, volume + "_00000", SamplePlans.GIB, List.of("/dev/sdb"), delete)));
    }
    List<Refusal> refused = new ArrayList<>();
    for (int i = 0; i < refusals; i++) {
      refused.add(new Refusal("big-" + i, null, "cannot place 3 replicas: only 2 nodes have room"));
    }
    List<String> warn = new ArrayList<>();
    for (int i = 0; i < warnings; i++) {
      warn.add("orphan-" + i + ": left Git, retained (deletionPolicy Retain)");
    }
    return new Plan(null, SamplePlans.FINGERPRINT, list, refused, warn);
  }

  @Test
  void startsWithTheBotMarkerAndHeading() {
    String md = MarkdownRenderer.render(SamplePlans.full(), SampleCommands.INSTANCE);
    assertTrue(md.startsWith("<!-- strata-plan -->\n### Strata plan for commit `3f2a9c1d0e5b`\n"));
    assertFalse(md.contains("folded"));
  }

  @Test
  void destroysComeFirstThenRefusalsWarningsAndNodes() {
    String md = MarkdownRenderer.render(SamplePlans.full(), SampleCommands.INSTANCE);
    int destroys = md.indexOf("#### ⚠ Destroys (1)");
    int refused = md.indexOf("#### Refused (2)");
    int warnings = md.indexOf("#### Warnings (1)");
    int nodes = md.indexOf("<details><summary>alpha — 5 changes</summary>");
    assertTrue(0 < destroys && destroys < refused && refused < warnings && warnings < nodes, md);
    assertTrue(md.contains("| create | resize | update | delete | connect | disconnect |"));
  }

  @Test
  void fiveThousandChangesStayUnderTheLimitAndSaySo() {
    Plan plan = big(5_000, 40, 300, 300);
    String md = MarkdownRenderer.render(plan, SampleCommands.INSTANCE);
    assertTrue(md.length() < 60_000, "length " + md.length());
    assertTrue(md.startsWith(MarkdownRenderer.MARKER + "\n"));
    assertTrue(
        md.contains("> **This plan was folded to fit in one comment**"), md.substring(0, 600));
    // The summary still counts everything.
    assertTrue(md.contains("| 4000 | 0 | 0 | 1000 | 0 | 0 | 0 | 300 |"));
    assertTrue(
        md.endsWith(
            "**Plan: 4000 to create, 0 to resize, 0 to update, 1000 to delete,"
                + " 0 to connect, 0 to disconnect. 300 refused.**\n"));
    // Destroys are the last thing given up: they are listed before anything else is.
    assertTrue(md.contains("#### ⚠ Destroys (1000)"));
    assertTrue(md.contains("- **node-000**: `vg0/vol-00000_00000`"));
  }

  @Test
  void manyNodesWithOneChangeEachAreDroppedFromTheEndWithACount() {
    Plan plan = big(5_000, 5_000, 0, 0);
    String md = MarkdownRenderer.render(plan, CommandPreview.NONE);
    assertTrue(md.length() < 60_000, "length " + md.length());
    assertTrue(md.contains("more nodes with "), md.substring(md.length() - 400));
    assertTrue(md.contains(" nodes of 5000 not shown"));
  }

  @Test
  void commandsOfTheLongestSectionsFoldFirst() {
    Plan plan = SamplePlans.full();
    String full = MarkdownRenderer.render(plan, SampleCommands.INSTANCE);
    String md = MarkdownRenderer.render(plan, SampleCommands.INSTANCE, full.length() - 200);
    assertTrue(md.length() < full.length() - 200);
    assertTrue(md.contains("commands of 2 nodes omitted."), md.substring(0, 500));
    // alpha and beta have the longest sections: their commands go, the short ones stay.
    assertFalse(md.contains("# pg-data/alpha/storage\n"));
    assertFalse(md.contains("# pg-data/beta/storage\n"));
    assertTrue(md.contains("_(7 commands omitted — run `strata plan` to see them)_"));
    assertTrue(md.contains("_(8 commands omitted — run `strata plan` to see them)_"));
    assertTrue(md.contains("# media/epsilon/nvme\nnvme disconnect"));
    assertTrue(md.contains("# old-db/gamma/storage\n"));
    // Every node's table is still there.
    assertEquals(5, md.split("\\| \\| action \\| volume \\|", -1).length - 1);
    assertFalse(md.contains("not listed"));
  }

  @Test
  void tablesFoldOnlyAfterAllCommands() {
    Plan plan = SamplePlans.full();
    String md = MarkdownRenderer.render(plan, SampleCommands.INSTANCE, 3_000);
    assertTrue(md.length() < 3_000, "length " + md.length());
    assertTrue(md.contains("commands of 5 nodes omitted; changes of "), md.substring(0, 500));
    assertFalse(md.contains("```sh"));
  }

  @Test
  void cellsAreEscaped() {
    Change c =
        new Change(
            "v/n/storage",
            Action.CREATE,
            Layer.STORAGE,
            "n<1>",
            "v",
            "vg0/a|b",
            null,
            List.of(),
            "reason with | pipe, *stars* and <html>",
            null);
    String md =
        MarkdownRenderer.render(
            new Plan(null, null, List.of(c), List.of(), List.of()), CommandPreview.NONE);
    assertTrue(md.contains("`vg0/a\\|b`"));
    assertTrue(md.contains("reason with \\| pipe, \\*stars\\* and &lt;html&gt;"));
    assertTrue(md.contains("<summary>n&lt;1&gt; — 1 change</summary>"));
  }

  @Test
  void emptyPlan() {
    String md = MarkdownRenderer.render(SamplePlans.empty(), CommandPreview.NONE);
    assertTrue(md.endsWith("**No changes.** The cluster matches the manifests.\n"));
    assertFalse(md.contains("<details>"));
  }
}
