package io.strata.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.simulator.state.SimSeed;
import io.strata.simulator.sys.FileSystem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command's record in the command log is written after its change is stored: a process killed
 * between the two (an HA test's kill -9 mid-apply) must never leave a record of a change that was
 * lost, which the standby would make again and the log show twice.
 */
class RecordAfterStoreTest {
  @TempDir Path dir;

  @Test
  void theStepAfterAChangeSeesItStored() throws Exception {
    SimulatedCluster c = SimulatedCluster.persistent(dir, SimSeed.standardFor("alpha"));
    Sim.ok(c.host("alpha"), "true"); // alpha's file exists
    List<String> seen = new ArrayList<>();
    c.store()
        .transact(
            cs -> {
              FileSystem.write(
                  cs, cs.node("alpha"), "/etc/marker", "m1".getBytes(StandardCharsets.UTF_8), 0644);
              cs.afterStore(() -> seen.add(read(dir.resolve("alpha.json"))));
              assertTrue(seen.isEmpty(), "not before the transaction ends");
              return null;
            });
    assertEquals(1, seen.size());
    assertTrue(seen.get(0).contains("/etc/marker"), "stored before the step ran");
  }

  @Test
  void aFailedTransactionRunsNoStepAfterIt() {
    noStepAfterAFailure(SimulatedCluster.persistent(dir, SimSeed.standardFor("alpha")));
  }

  /**
   * The memory store keeps one state for every transaction: a failed one's steps must not linger.
   */
  @Test
  void aFailedTransactionInMemoryLeavesNoStepForTheNext() {
    noStepAfterAFailure(SimulatedCluster.inMemory(SimSeed.standardFor("alpha")));
  }

  private static void noStepAfterAFailure(SimulatedCluster c) {
    List<String> seen = new ArrayList<>();
    assertThrows(
        IllegalStateException.class,
        () ->
            c.store()
                .transact(
                    cs -> {
                      cs.afterStore(() -> seen.add("ran"));
                      throw new IllegalStateException("the tool failed halfway");
                    }));
    c.store().transact(cs -> null);
    assertEquals(List.of(), seen, "neither then nor with the next transaction");
  }

  @Test
  void aCommandIsLoggedOnceItRan() {
    SimulatedCluster c = SimulatedCluster.persistent(dir, SimSeed.standardFor("alpha"));
    Sim.ok(c.host("alpha"), "lvcreate", "-L", "1g", "-n", "r0_00000", "vg0");
    assertTrue(
        c.commandLog().stream()
            .anyMatch(r -> r.command().startsWith("lvcreate") && r.exitCode() == 0),
        c.commandLog().toString());
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
