package io.strata.planner.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.CommandPreview;
import io.strata.planner.plan.Plan;
import io.strata.planner.plan.SizeChange;
import io.strata.schema.model.Layer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plans people can review: old -> new on resizes, one line per volume at scale. */
class ReviewableTextTest {
  private static final long GIB = 1L << 30;

  static Change create(String volume, String node) {
    return new Change(
        volume + "/" + node + "/storage",
        Action.CREATE,
        Layer.STORAGE,
        node,
        volume,
        "vg0/" + volume + "_00000",
        new SizeChange(GIB, GIB),
        List.of(),
        "new replica",
        null);
  }

  static Plan volumes(int n) {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      changes.add(create(String.format("v%03d", i), "alpha"));
      changes.add(create(String.format("v%03d", i), "beta"));
    }
    return new Plan(null, null, changes, List.of(), List.of());
  }

  static final CommandPreview ONE_COMMAND = c -> List.of(List.of("lvcreate", c.object()));

  @Test
  void aResizeShowsOldAndNewSize() {
    Change grow =
        new Change(
            "pg/alpha/storage",
            Action.RESIZE,
            Layer.STORAGE,
            "alpha",
            "pg",
            "vg0/pg_00000",
            new SizeChange(20 * GIB, 20 * GIB).from(10 * GIB),
            List.of(),
            "grow",
            null);
    String text =
        TextRenderer.render(
            new Plan(null, null, List.of(grow), List.of(), List.of()), CommandPreview.NONE, false);
    assertTrue(text.contains("vg0/pg_00000  10 GiB -> 20 GiB"), text);
  }

  @Test
  void atFiftyVolumesEveryChangeIsListed() {
    String text = TextRenderer.render(volumes(50), ONE_COMMAND, false, false);
    assertTrue(text.contains("$ lvcreate vg0/v049_00000"), text);
  }

  @Test
  void aboveFiftyVolumesOneLinePerVolumeUnlessVerbose() {
    String text = TextRenderer.render(volumes(51), ONE_COMMAND, false, false);
    assertFalse(text.contains("$ lvcreate"), "commands are folded");
    assertTrue(text.contains("  v050: + 2 create on alpha, beta\n"), text);
    assertTrue(text.contains("--verbose"), "says how to see everything");
    assertEquals(
        "Plan: 102 to create, 0 to resize, 0 to update, 0 to delete, 0 to connect, 0 to"
            + " disconnect.",
        text.substring(text.lastIndexOf("Plan:")).trim());
    String verbose = TextRenderer.render(volumes(51), ONE_COMMAND, false, true);
    assertTrue(verbose.contains("$ lvcreate vg0/v050_00000"), "--verbose lists every command");
  }
}
