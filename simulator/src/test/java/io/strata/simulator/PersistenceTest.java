package io.strata.simulator;

import static io.strata.simulator.Sim.ok;
import static io.strata.simulator.Sim.res;
import static io.strata.simulator.Sim.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Host;
import io.strata.simulator.state.SimNode;
import io.strata.simulator.state.SimSeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class PersistenceTest {
  @TempDir Path dir;

  @Test
  void twoClustersOnOneStateDirSeeOneCluster() throws Exception {
    SimulatedCluster one = SimulatedCluster.persistent(dir, SimSeed.standardFor("alpha", "bravo"));
    SimulatedCluster two = SimulatedCluster.persistent(dir, SimSeed.standardFor("alpha", "bravo"));
    ok(one.host("alpha"), "lvcreate", "-L", "1g", "-n", "r0_00000", "vg0");
    ok(two.host("bravo"), "lvcreate", "-L", "1g", "-n", "r0_00000", "vg0");
    String lvs = ok(two.host("alpha"), "lvs", "--noheadings", "-o", "lv_name", "vg0").out();
    assertTrue(lvs.contains("r0_00000"), lvs);
    ok(one.host("alpha"), "lvcreate", "-V", "2g", "--thinpool", "thin", "-n", "thin1", "vg0");
    assertEquals(
        "thin",
        ok(two.host("alpha"), "lvs", "--noheadings", "-o", "pool_lv", "vg0/thin1").out().trim());
    for (SimulatedCluster c : List.of(one, two)) {
      for (String n : List.of("alpha", "bravo")) {
        Host h = c.host(n);
        write(h, "/etc/drbd.d/r0.res", res("r0", 1000, 7000, "/dev/vg0/r0_00000"));
      }
    }
    ok(one.host("alpha"), "drbdadm", "create-md", "--force", "r0");
    ok(two.host("bravo"), "drbdadm", "create-md", "--force", "r0");
    ok(one.host("alpha"), "drbdadm", "adjust", "r0");
    ok(two.host("bravo"), "drbdadm", "adjust", "r0");
    ok(two.host("alpha"), "drbdadm", "primary", "--force", "r0");
    JsonNode s = Sim.json(ok(one.host("bravo"), "drbdsetup", "status", "--json").out()).get(0);
    assertEquals("UpToDate", s.get("devices").get(0).get("disk-state").asString());
    assertEquals("Connected", s.get("connections").get(0).get("connection-state").asString());

    ok(one.host("bravo"), "drbdadm", "down", "r0");
    ok(one.host("bravo"), "lvremove", "-y", "vg0/r0_00000");
    assertEquals(1, two.dataLossEvents().size(), "the ledger is shared through ledger.json");
    assertTrue(Files.exists(dir.resolve("alpha.json")) && Files.exists(dir.resolve("ledger.json")));
    SimulatedCluster three = SimulatedCluster.persistent(dir, SimSeed.standardFor());
    SimNode alpha = three.inspect(cs -> cs.node("alpha"));
    assertEquals(1, alpha.drbd.size());
    assertEquals("Primary", alpha.drbd.get("r0").role);
  }

  @Test
  void aCorruptStateFileIsReportedClearly() throws Exception {
    SimulatedCluster c = SimulatedCluster.persistent(dir, SimSeed.standardFor("alpha"));
    ok(c.host("alpha"), "true");
    Files.writeString(dir.resolve("alpha.json"), "{not json");
    IllegalStateException e =
        Assertions.assertThrows(
            IllegalStateException.class, () -> c.host("alpha").run(List.of("true")));
    assertTrue(e.getMessage().contains("alpha.json cannot be read"), e.getMessage());
    Files.delete(dir.resolve("alpha.json"));
    ok(c.host("alpha"), "vgs", "vg0");
  }

  @Test
  void concurrentCommandsFromTwoClustersLoseNoUpdate() throws Exception {
    SimulatedCluster one = SimulatedCluster.persistent(dir, SimSeed.standardFor("alpha"));
    SimulatedCluster two = SimulatedCluster.persistent(dir, SimSeed.standardFor("alpha"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      SimulatedCluster c = t % 2 == 0 ? one : two;
      int thread = t;
      fs.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 10; i++) {
                  ok(c.host("alpha"), "lvcreate", "-L", "4m", "-n", "t" + thread + "_" + i, "vg0");
                }
              }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    pool.shutdown();
    String count =
        ok(one.host("alpha"), "vgs", "--noheadings", "-o", "lv_count", "vg0").out().trim();
    assertEquals("41", count); // 40 + the seeded thin pool
  }

  @Test
  void inMemoryClusterIsSafeUnderConcurrentThreads() throws Exception {
    SimulatedCluster c = SimulatedCluster.inMemory(SimSeed.standardFor("alpha"));
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      threads.add(
          new Thread(
              () -> {
                for (int i = 0; i < 25; i++) {
                  ok(c.host("alpha"), "lvcreate", "-L", "4m", "-n", "t" + thread + "_" + i, "vg0");
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertEquals("101", ok(c.host("alpha"), "vgs", "--noheadings", "-o", "lv_count").out().trim());
    assertEquals(100 + 1, c.commandLog("alpha").size());
  }
}
