package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strata.planner.plan.CommandPreview;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text/Markdown plan hides read-only probes and abbreviates LVM's device filter. */
class ReviewPreviewTest {
  static final List<String> PROBE =
      List.of("lvs", "--config", "devices { use_devicesfile=0 filter=[ 'a|^/dev/sdb$|' ] }", "vg0");
  static final List<String> CREATE =
      List.of(
          "lvcreate",
          "--config",
          "devices { use_devicesfile=0 filter=[ 'a|^/dev/sdb$|', 'r|.*|' ] }",
          "--name",
          "v",
          "vg0");
  static final CommandPreview FULL = c -> List.of(PROBE, CREATE);

  @Test
  void probesAreHiddenAndTheFilterAbbreviated() {
    assertEquals(
        List.of(
            List.of(
                "lvcreate",
                "--config",
                "devices { use_devicesfile=0 filter=[ … ] }",
                "--name",
                "v",
                "vg0")),
        new ReviewPreview(FULL, false).commands(null));
  }

  @Test
  void showProbesKeepsThem() {
    assertEquals(2, new ReviewPreview(FULL, true).commands(null).size());
  }
}
