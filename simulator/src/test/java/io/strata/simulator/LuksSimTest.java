package io.strata.simulator;

import static io.strata.simulator.Sim.fixture;
import static io.strata.simulator.Sim.json;
import static io.strata.simulator.Sim.keys;
import static io.strata.simulator.Sim.ok;
import static io.strata.simulator.Sim.run;
import static io.strata.simulator.Sim.runIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.simulator.state.LedgerEvent;
import io.strata.simulator.state.SimSeed;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LuksSimTest {
  private final SimulatedCluster cluster = SimulatedCluster.inMemory(SimSeed.standardFor("alpha"));
  private final Host alpha = cluster.host("alpha");
  private static final String DEV = "/dev/vg0/pg_00000";

  private Result format(String key) {
    return runIn(
        alpha,
        key,
        "cryptsetup",
        "luksFormat",
        "--type",
        "luks2",
        "--batch-mode",
        "--key-file",
        "-",
        "--pbkdf",
        "argon2id",
        "--pbkdf-memory",
        "262144",
        "--label",
        "strata:pg/0",
        "--subsystem",
        "strata",
        DEV);
  }

  @Test
  void formatOpenStatusCloseLikeCryptsetup() {
    ok(alpha, "lvcreate", "-L", "128m", "-n", "pg_00000", "-y", "vg0");
    Result blank = run(alpha, "blkid", "-p", "-o", "export", DEV);
    assertEquals(2, blank.exitCode());
    assertEquals("", blank.out());
    assertEquals(0, format("secretkey").exitCode());
    assertEquals(0, run(alpha, "cryptsetup", "isLuks", DEV).exitCode());
    String blkid = ok(alpha, "blkid", "-p", "-o", "export", DEV).out();
    assertTrue(
        blkid.contains("TYPE=crypto_LUKS\n")
            && blkid.contains("LABEL=strata:pg/0\n")
            && blkid.contains("SUBSYSTEM=strata\n"),
        blkid);
    Result wrong =
        runIn(
            alpha,
            "secretkey\n",
            "cryptsetup",
            "open",
            "--type",
            "luks2",
            "--key-file",
            "-",
            DEV,
            "strata-pg");
    assertEquals(2, wrong.exitCode());
    assertEquals(fixture("luksOpen-wrongkey.err"), wrong.err());
    assertEquals(
        0,
        runIn(
                alpha,
                "secretkey",
                "cryptsetup",
                "open",
                "--type",
                "luks2",
                "--key-file",
                "-",
                DEV,
                "strata-pg")
            .exitCode());
    assertEquals(
        5,
        runIn(alpha, "secretkey", "cryptsetup", "open", "--key-file", "-", DEV, "strata-pg")
            .exitCode());
    assertEquals("strata-pg\t(253:0)\n", ok(alpha, "dmsetup", "ls", "--target", "crypt").out());
    // the backing device by number, as the kernel's table names it; no key material
    String table = ok(alpha, "dmsetup", "table", "--target", "crypt").out();
    assertTrue(
        table.matches("strata-pg: 0 \\d+ crypt aes-xts-plain64 :64:logon:\\S+ 0 253:\\d+ 32768\n"),
        table);
    String status = ok(alpha, "cryptsetup", "status", "strata-pg").out();
    assertTrue(status.startsWith("/dev/mapper/strata-pg is active.\n  type:    LUKS2\n"), status);
    assertTrue(status.contains("  size:    229376 sectors\n"), status); // 128 MiB - 16 MiB
    assertEquals(
        fixture("vm-cryptsetup-status.out").lines().map(l -> l.split(":")[0]).toList(),
        status.lines().map(l -> l.split(":")[0].replace("strata-pg", "crypt0")).toList());
    assertEquals(
        "117440512\n", ok(alpha, "blockdev", "--getsize64", "/dev/mapper/strata-pg").out());
    Result busy = run(alpha, "lvremove", "-y", "vg0/pg_00000");
    assertEquals(5, busy.exitCode());
    ok(alpha, "lvextend", "-L", "256m", "vg0/pg_00000");
    assertEquals(
        0,
        runIn(alpha, "secretkey", "cryptsetup", "resize", "--key-file", "-", "strata-pg")
            .exitCode());
    assertEquals(
        "251658240\n", ok(alpha, "blockdev", "--getsize64", "/dev/mapper/strata-pg").out());
    ok(alpha, "cryptsetup", "close", "strata-pg");
    assertEquals(4, run(alpha, "cryptsetup", "close", "strata-pg").exitCode());
    assertEquals(4, run(alpha, "cryptsetup", "status", "strata-pg").exitCode());
    assertEquals("No devices found\n", ok(alpha, "dmsetup", "ls", "--target", "crypt").out());
    assertEquals(4, run(alpha, "cryptsetup", "isLuks", "/dev/vg0/none").exitCode());
  }

  @Test
  void luksDumpJsonHasTheRealTopLevelKeys() {
    ok(alpha, "lvcreate", "-L", "64m", "-n", "pg_00000", "vg0");
    format("k");
    JsonNode ours = json(ok(alpha, "cryptsetup", "luksDump", "--dump-json-metadata", DEV).out());
    JsonNode real = json(fixture("luksDump-json.out"));
    assertEquals(keys(real), keys(ours));
    assertEquals(keys(real.get("segments").get("0")), keys(ours.get("segments").get("0")));
    String text = ok(alpha, "cryptsetup", "luksDump", DEV).out();
    assertTrue(
        text.contains("Label:         \tstrata:pg/0\n")
            && text.contains("offset: 16777216 [bytes]"),
        text);
    assertFalse(text.contains("secret"));
    List<String> realKeys =
        fixture("luksDump.out").lines().limit(16).map(l -> l.split(":")[0]).toList();
    assertEquals(realKeys, text.lines().limit(16).map(l -> l.split(":")[0]).toList());
  }

  @Test
  void reformattingDataIsADataLossEventUnlessAuthorized() {
    ok(alpha, "lvcreate", "-L", "64m", "-n", "pg_00000", "vg0");
    format("one");
    runIn(alpha, "one", "cryptsetup", "open", "--key-file", "-", DEV, "m");
    cluster.markInUse();
    ok(alpha, "cryptsetup", "close", "m");
    assertEquals(0, format("two").exitCode()); // the real tool does it silently
    List<LedgerEvent> loss = cluster.dataLossEvents();
    assertEquals(1, loss.size());
    assertEquals("luksFormat", loss.get(0).operation());
    assertEquals(DEV, loss.get(0).device());
    assertFalse(loss.get(0).command().contains("two"), "the key never reaches the ledger");

    runIn(alpha, "two", "cryptsetup", "open", "--key-file", "-", DEV, "m");
    cluster.markInUse();
    ok(alpha, "cryptsetup", "close", "m");
    cluster.authorizeDestruction("alpha", "/dev/mapper/vg0-pg_00000");
    ok(alpha, "lvremove", "-y", "vg0/pg_00000");
    assertEquals(1, cluster.dataLossEvents().size());
    assertEquals(LedgerEvent.Kind.AUTHORIZED_DESTRUCTION, cluster.ledger().get(1).kind());
  }

  @Test
  void stateNeverHoldsThePassphrase() {
    ok(alpha, "lvcreate", "-L", "64m", "-n", "pg_00000", "vg0");
    format("hunter2-very-secret");
    String dump = cluster.inspect(cs -> Sim.JSON.writeValueAsString(cs.node("alpha")));
    assertFalse(dump.contains("hunter2"));
  }
}
