package io.strata.simulator;

import static io.strata.simulator.Sim.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.simulator.state.SimSeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state folder as {@code strata plan} sees it (read-only: nothing created, nothing kept), seeds
 * remembered per node so that a changed capacity is noticed, and {@code strata sim reset}.
 */
class ReadOnlyAndSeedsTest {
  @TempDir Path tmp;

  private static String lvNames(SimulatedCluster c) {
    return ok(c.host("alpha"), "lvs", "--noheadings", "-o", "lv_name", "vg0").out();
  }

  @Test
  void aReadOnlyClusterCreatesAndKeepsNothing() {
    Path dir = tmp.resolve("sim");
    SimulatedCluster look = SimulatedCluster.readOnly(dir, SimSeed.standardFor("alpha"));
    ok(look.host("alpha"), "lvcreate", "-L", "1g", "-n", "r0_00000", "vg0");
    assertFalse(Files.exists(dir), "a read-only open creates no folder");
    assertFalse(lvNames(look).contains("r0_00000"), "a change does not outlive its command");

    SimulatedCluster work = SimulatedCluster.persistent(dir, SimSeed.standardFor("alpha"));
    ok(work.host("alpha"), "lvcreate", "-L", "1g", "-n", "r1_00000", "vg0");
    assertTrue(lvNames(look).contains("r1_00000"), "a reader sees what writers wrote");
    ok(look.host("alpha"), "lvremove", "-y", "vg0/r1_00000");
    assertTrue(lvNames(look).contains("r1_00000"), "the reader's own change is dropped");
    assertTrue(lvNames(work).contains("r1_00000"));
    assertEquals(List.of(), work.ledger(), "nothing reached the ledger");
  }

  @Test
  void aChangedSeedIsAConflictAndResetForgetsTheNode() {
    Path dir = tmp.resolve("sim");
    SimulatedCluster before = SimulatedCluster.persistent(dir, SimSeed.standardFor("alpha"));
    ok(before.host("alpha"), "vgs");
    SimSeed bigger = new SimSeed(Map.of("vg0", 200L << 30), Map.of(), Map.of());
    SimulatedCluster after =
        SimulatedCluster.persistent(dir, Map.of("alpha", bigger, "bravo", SimSeed.standard()));
    assertEquals(
        List.of(
            "alpha: volumeGroups.vg0 100GiB -> 200GiB, thinPools.vg0/thin 80GiB -> (none),"
                + " zpools.tank 200GiB -> (none)"),
        after.seedConflicts());
    assertEquals(Set.of("alpha"), after.reset("alpha"));
    assertEquals(List.of(), after.seedConflicts());
    assertFalse(Files.exists(dir.resolve("alpha.json")));
    ok(after.host("alpha"), "vgs");
    assertEquals(bigger, after.inspect(cs -> cs.node("alpha").seed));
  }
}
