package io.strata.planner.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.plan.Action;
import io.strata.planner.plan.CommandPreview;
import io.strata.planner.plan.Plan;
import io.strata.planner.samples.SampleCommands;
import io.strata.planner.samples.SamplePlans;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextRendererTest {

  private static String lastLine(String s) {
    String[] lines = s.split("\n");
    return lines[lines.length - 1];
  }

  @Test
  void noEscapeCodesWithoutColour() {
    String plain = TextRenderer.render(SamplePlans.full(), SampleCommands.INSTANCE, false);
    assertFalse(plain.contains("\u001b"));
    String colored = TextRenderer.render(SamplePlans.full(), SampleCommands.INSTANCE, true);
    assertTrue(colored.contains("\u001b[32m+\u001b[0m"), "create is green");
    assertTrue(colored.contains("\u001b[31m-\u001b[0m"), "delete is red");
    assertEquals(plain, colored.replaceAll("\u001b\\[[0-9;]*m", ""), "colour adds nothing else");
  }

  @Test
  void lastLineCountsEveryAction() {
    assertEquals(
        "Plan: 9 to create, 1 to resize, 1 to update, 1 to delete, 1 to connect, 1 to disconnect,"
            + " 1 to snapshot. 2 refused.",
        lastLine(TextRenderer.render(SamplePlans.full(), CommandPreview.NONE, false)));
  }

  @Test
  void emptyPlanSaysSo() {
    assertEquals(
        "No changes. The cluster matches the manifests.",
        lastLine(TextRenderer.render(SamplePlans.empty(), CommandPreview.NONE, false)));
  }

  @Test
  void refusalsOnlyIsNotReportedAsNoChanges() {
    String out = TextRenderer.render(SamplePlans.refusalsOnly(), CommandPreview.NONE, false);
    assertFalse(out.contains("No changes"));
    assertTrue(out.contains("Refused (2):\n  ! pg-logs on beta: shrink"));
    assertTrue(out.contains("Warnings (1):\n  ! old-db2"));
    assertEquals(
        "Plan: 0 to create, 0 to resize, 0 to update, 0 to delete, 0 to connect, 0 to disconnect."
            + " 2 refused.",
        lastLine(out));
  }

  @Test
  void everyActionHasItsOwnAsciiSymbol() {
    for (Action a : Action.values()) {
      String s = Symbols.of(a);
      assertEquals(1, s.length());
      assertTrue(s.charAt(0) < 128);
    }
    String out = TextRenderer.render(SamplePlans.full(), CommandPreview.NONE, false);
    assertTrue(out.contains("\n  - gamma  storage  vg0/old-db_00000\n"));
    assertTrue(out.contains("\n  > delta    nvme     nqn.2014-08.io.strata:media"));
    assertTrue(out.contains("10 GiB -> 10 GiB + 20 MiB"));
  }

  @Test
  void commandsAreIndentedBeneathTheirChange() {
    String out = TextRenderer.render(SamplePlans.full(), SampleCommands.INSTANCE, false);
    assertTrue(
        out.contains(
            "  < epsilon  nvme     nqn.2014-08.io.strata:media  (tcp 10.0.0.2:4420)\n"
                + "      # no longer in access\n"
                + "      $ nvme disconnect -n nqn.2014-08.io.strata:media\n"));
  }

  @Test
  void aPlanOutsideGitSaysSo() {
    Plan p = new Plan(null, null, List.of(), List.of(), List.of());
    assertTrue(
        TextRenderer.render(p, CommandPreview.NONE, false)
            .startsWith("Strata plan (manifests not from a Git commit)\n\n"));
  }
}
