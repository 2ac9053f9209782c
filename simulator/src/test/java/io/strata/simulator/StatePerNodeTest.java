package io.strata.simulator;

import static io.strata.simulator.Sim.ok;
import static io.strata.simulator.Sim.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Host;
import io.strata.simulator.state.SimSeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decisions 010 and 018: a command reads and writes its own node's file only, and of the
 * cluster-wide meta only the parts it changed; the command log is bounded.
 */
class StatePerNodeTest {
  @TempDir Path dir;

  @Test
  void aCommandReadsAndWritesOnlyItsOwnNode() throws Exception {
    SimulatedCluster c = SimulatedCluster.persistent(dir, SimSeed.standardFor("alpha", "bravo"));
    ok(c.host("alpha"), "vgs");
    ok(c.host("bravo"), "vgs");
    Path bravo = dir.resolve("bravo.json");
    // bravo's file is unreadable now: a command on alpha must not even look at it
    Files.writeString(bravo, "{not json");
    ok(c.host("alpha"), "lvcreate", "-L", "1g", "-n", "r0_00000", "vg0");
    SimulatedCluster other = SimulatedCluster.persistent(dir, SimSeed.standardFor());
    assertTrue(
        ok(other.host("alpha"), "lvs", "--noheadings", "-o", "lv_name").out().contains("r0_00000"));
    assertEquals("{not json", Files.readString(bravo), "bravo's file was not rewritten");
  }

  @Test
  void anNvmeConnectReadsTheTargetNotEveryNode() throws Exception {
    SimulatedCluster c =
        SimulatedCluster.persistent(dir, SimSeed.standardFor("alpha", "bravo", "gamma"));
    Host alpha = c.host("alpha");
    String s = "/sys/kernel/config/nvmet/subsystems/" + NQN;
    String p = "/sys/kernel/config/nvmet/ports/1";
    ok(alpha, "lvcreate", "-L", "80m", "-n", "pg_00000", "vg0");
    write(alpha, s + "/attr_allow_any_host", "1");
    write(alpha, s + "/namespaces/1/device_path", "/dev/vg0/pg_00000");
    write(alpha, s + "/namespaces/1/enable", "1");
    write(alpha, p + "/addr_trtype", "tcp");
    write(alpha, p + "/addr_traddr", "10.0.0.1");
    write(alpha, p + "/addr_trsvcid", "4420");
    write(alpha, p + "/subsystems/" + NQN, "");
    ok(c.host("bravo"), "true");
    ok(c.host("gamma"), "true");
    Files.writeString(dir.resolve("bravo.json"), "{not json");
    ok(c.host("gamma"), "nvme", "connect", "-t", "tcp", "-a", "10.0.0.1", "-s", "4420", "-n", NQN);
    assertEquals("{not json", Files.readString(dir.resolve("bravo.json")));
  }

  private static final String NQN = "nqn.2014-08.io.strata:pg";

  @Test
  void aCommandWritesOnlyTheMetaPartsItChanged() throws Exception {
    SimulatedCluster c = SimulatedCluster.persistent(dir, SimSeed.standardFor("alpha"));
    Host alpha = c.host("alpha");
    write(alpha, "/sys/kernel/config/nvmet/ports/1/addr_traddr", "10.0.0.1");
    c.authorizeDestruction("alpha", "/dev/vg0/gone");
    Path listeners = dir.resolve(".nvme-listeners.json");
    Path ledger = dir.resolve("ledger.json");
    assertTrue(Files.readString(listeners).contains("10.0.0.1"), Files.readString(listeners));
    // neither is readable now: a command that changes neither must not even look at them
    Files.writeString(listeners, "{not json");
    Files.writeString(ledger, "{not json");
    String before = Files.readString(dir.resolve(".counters.json"));
    ok(alpha, "lvcreate", "-L", "1g", "-n", "r0_00000", "vg0");
    assertEquals("{not json", Files.readString(listeners));
    assertEquals("{not json", Files.readString(ledger));
    assertFalse(before.equals(Files.readString(dir.resolve(".counters.json"))), "a new generation");
  }

  @Test
  void aFolderOfAnEarlierVersionKeepsItsCountersLedgerAndListeners() throws Exception {
    // before decision 018 every part lived in ledger.json
    Files.writeString(
        dir.resolve("ledger.json"),
        "{\"nextGeneration\":100,\"drbdGeneration\":50,\"events\":[{\"seq\":1,\"node\":\"alpha\","
            + "\"device\":\"/dev/vg0/x\",\"kind\":\"DATA_LOSS\",\"operation\":\"lvremove\","
            + "\"command\":\"lvremove vg0/x\",\"generation\":7}],\"authorized\":[],"
            + "\"nvmeListeners\":{\"10.0.0.1\":[\"alpha\"]}}");
    SimulatedCluster c = SimulatedCluster.persistent(dir, SimSeed.standardFor("alpha"));
    c.authorizeDestruction("alpha", "/dev/vg0/gone"); // rewrites the ledger part only
    assertEquals(1, c.dataLossEvents().size());
    assertTrue(Files.readString(dir.resolve(".counters.json")).contains("\"nextGeneration\":100"));
    assertTrue(Files.readString(dir.resolve(".nvme-listeners.json")).contains("alpha"));
    assertFalse(Files.readString(dir.resolve("ledger.json")).contains("nvmeListeners"));
  }

  @Test
  void stateFilesAreCompact() throws Exception {
    SimulatedCluster c = SimulatedCluster.persistent(dir, SimSeed.standardFor("alpha"));
    ok(c.host("alpha"), "lvcreate", "-L", "1g", "-n", "r0_00000", "vg0");
    String json = Files.readString(dir.resolve("alpha.json"));
    assertFalse(json.contains("\n"), "one line, no indentation");
  }

  @Test
  void theCommandLogKeepsTheMostRecentOperations() {
    SimulatedCluster c = SimulatedCluster.inMemory(SimSeed.standardFor("alpha"));
    int total = SimulatedCluster.LOG_LIMIT + 5;
    for (int i = 0; i < total; i++) {
      c.host("alpha").run(List.of("true"), null, null);
    }
    List<CommandRecord> log = c.commandLog();
    assertEquals(SimulatedCluster.LOG_LIMIT, log.size());
    assertEquals(total, log.get(log.size() - 1).seq(), "sequence numbers go on counting");
    assertEquals(6, log.get(0).seq());
  }
}
