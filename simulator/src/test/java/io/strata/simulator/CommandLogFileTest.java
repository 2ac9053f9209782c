package io.strata.simulator;

import static io.strata.simulator.Sim.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.simulator.state.SimSeed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The persistent command log behind {@code strata sim log} (decision 015). */
class CommandLogFileTest {
  @TempDir Path dir;

  private static final Map<String, SimSeed> SEEDS = SimSeed.standardFor("alpha", "beta");

  @Test
  void clustersSharingAFolderShareOneOrderedLog() {
    SimulatedCluster one = SimulatedCluster.persistent(dir, SEEDS);
    SimulatedCluster two = SimulatedCluster.persistent(dir, SEEDS);
    ok(one.host("alpha"), "lvcreate", "-L", "1g", "-n", "a_00000", "vg0");
    two.host("beta").writeFile(Path.of("/etc/drbd.d/x.res"), "x".getBytes(), 0644);
    ok(one.host("beta"), "lvcreate", "-L", "1g", "-n", "b_00000", "vg0");
    two.host("beta").deleteFile(Path.of("/etc/drbd.d/x.res"));

    List<CommandRecord> log = SimulatedCluster.readOnly(dir, SEEDS).commandLog();
    assertEquals(List.of(1L, 2L, 3L, 4L), log.stream().map(CommandRecord::seq).toList());
    assertEquals(
        List.of("alpha", "beta", "beta", "beta"), log.stream().map(r -> r.node()).toList());
    assertEquals(List.of("writeFile", "/etc/drbd.d/x.res"), log.get(1).argv());
    String pid = ",\"pid\":" + ProcessHandle.current().pid() + ",\"started\":";
    assertTrue(
        SimulatedCluster.jsonLine(log.get(1))
            .startsWith("{\"seq\":2,\"node\":\"beta\",\"write\":\"/etc/drbd.d/x.res\"" + pid),
        SimulatedCluster.jsonLine(log.get(1)));
    assertTrue(
        SimulatedCluster.jsonLine(log.get(3))
            .startsWith("{\"seq\":4,\"node\":\"beta\",\"delete\":\"/etc/drbd.d/x.res\"" + pid));
    assertTrue(SimulatedCluster.jsonLine(log.get(0)).startsWith("{\"seq\":1,\"node\":\"alpha\","));
    assertTrue(SimulatedCluster.jsonLine(log.get(0)).contains(",\"vg0\"],\"exit\":0" + pid));
    assertTrue(log.get(0).startedMillis() <= log.get(0).endedMillis());
    assertTrue(log.get(0).endedMillis() <= log.get(1).startedMillis());
  }

  @Test
  void pastItsLimitTheLogKeepsItsNewerHalfInWholeLinesAndCountsOn() throws Exception {
    CommandLogFile log = new CommandLogFile(dir, false, 2_000);
    for (int i = 0; i < 40; i++) {
      log.append("alpha", List.of("lvs", "--reportformat", "json", "vg" + i), 0, false, 1L);
    }
    Path file = dir.resolve(CommandLogFile.NAME);
    assertTrue(Files.size(file) < 3_000, "trimmed: " + Files.size(file));
    List<CommandRecord> kept = log.read();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals(lines.size(), kept.size(), "every kept line is whole: " + lines);
    assertEquals(40L, kept.get(kept.size() - 1).seq());
    for (int i = 1; i < kept.size(); i++) {
      assertEquals(kept.get(i - 1).seq() + 1, kept.get(i).seq(), "no line lost between kept ones");
    }
    assertEquals(
        List.of("lvs", "--reportformat", "json", "vg39"), kept.get(kept.size() - 1).argv());
    // another writer of the folder numbers on from the trimmed file
    assertEquals(
        41L, new CommandLogFile(dir, false).append("beta", List.of("vgs"), 0, false, 1L).seq());
  }

  @Test
  void aReadOnlyClusterLogsNothingAndResetStartsAgain() {
    SimulatedCluster rw = SimulatedCluster.persistent(dir, SEEDS);
    ok(rw.host("alpha"), "lvcreate", "-L", "1g", "-n", "a_00000", "vg0");
    SimulatedCluster ro = SimulatedCluster.readOnly(dir, SEEDS);
    ok(ro.host("alpha"), "lvs", "vg0");
    assertEquals(1, rw.commandLog().size(), "strata plan's probes are not kept");

    rw.reset(null);
    assertEquals(List.of(), rw.commandLog());
    ok(rw.host("alpha"), "vgs");
    assertEquals(1, rw.commandLog().get(0).seq());
  }

  @Test
  void concurrentCommandsGetDistinctIncreasingNumbersInFileOrder() throws Exception {
    SimulatedCluster c = SimulatedCluster.persistent(dir, SEEDS);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String node = t % 2 == 0 ? "alpha" : "beta";
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 10; i++) {
                    ok(c.host(node), "lvcreate", "-L", "4m", "-n", "t" + thread + "_" + i, "vg0");
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    List<CommandRecord> log = c.commandLog();
    assertEquals(40, log.size());
    for (int i = 0; i < log.size(); i++) {
      assertEquals(i + 1, log.get(i).seq(), "line order is sequence order");
    }
  }

  @Test
  void aLineCutShortByACrashIsSkippedAndNumberingGoesOn() throws Exception {
    SimulatedCluster c = SimulatedCluster.persistent(dir, SEEDS);
    ok(c.host("alpha"), "vgs");
    Files.writeString(
        dir.resolve(CommandLogFile.NAME),
        "{\"seq\":2,\"node\":\"al",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    SimulatedCluster after = SimulatedCluster.persistent(dir, SEEDS);
    ok(after.host("alpha"), "vgs");
    List<CommandRecord> log = after.commandLog();
    assertEquals(List.of(1L, 2L), log.stream().map(CommandRecord::seq).toList());
  }
}
