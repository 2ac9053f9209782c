package io.strata.simulator;

import static io.strata.simulator.Sim.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strata.simulator.state.SimSeed;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** markInUse stores only the nodes with a top not yet marked, and marks every one of them. */
class DataMarksTest {
  @TempDir Path dir;

  @Test
  void onlyNodesWithAnUnmarkedTopAreDue() {
    SimulatedCluster c = SimulatedCluster.persistent(dir, SimSeed.standardFor("alpha", "bravo"));
    ok(c.host("alpha"), "lvcreate", "-L", "64m", "-n", "a", "vg0");
    ok(c.host("bravo"), "lvcreate", "-L", "64m", "-n", "b", "vg0");
    assertEquals(Set.of("alpha", "bravo"), c.inspect(DataMarks::due));
    c.markInUse();
    assertEquals(Set.of(), c.inspect(DataMarks::due), "every top is marked");

    ok(c.host("alpha"), "lvcreate", "-L", "64m", "-n", "a2", "vg0");
    assertEquals(Set.of("alpha"), c.inspect(DataMarks::due));
    c.markInUse();
    assertEquals(Set.of(), c.inspect(DataMarks::due));
    // both of alpha's LVs hold data now: re-formatting either is data loss
    ok(c.host("alpha"), "mkfs.xfs", "-f", "/dev/vg0/a2");
    ok(c.host("alpha"), "mkfs.xfs", "-f", "/dev/vg0/a");
    assertEquals(2, c.dataLossEvents().size());
  }
}
