package io.strata.simulator;

import static io.strata.simulator.Sim.json;
import static io.strata.simulator.Sim.ok;
import static io.strata.simulator.Sim.run;
import static io.strata.simulator.Sim.runIn;
import static io.strata.simulator.Sim.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Host;
import io.strata.simulator.drbd.DrbdEngine;
import io.strata.simulator.state.SimSeed;
import org.junit.jupiter.api.Test;

/** A whole stack across nodes: LV, LUKS, DRBD on two nodes, NVMe export to a third. */
class StackTest {
  private final SimulatedCluster cluster =
      SimulatedCluster.inMemory(SimSeed.standardFor("alpha", "bravo", "gamma"));
  private static final String NQN = "nqn.2014-08.io.strata:pg";
  private static final String S = "/sys/kernel/config/nvmet/subsystems/" + NQN;
  private static final String P = "/sys/kernel/config/nvmet/ports/1";

  private void up(Host h) {
    ok(h, "lvcreate", "--size", "1065060k", "-n", "pg_00000", "--addtag", "strata", "-y", "vg0");
    runIn(
        h,
        "k",
        "cryptsetup",
        "luksFormat",
        "--type",
        "luks2",
        "--batch-mode",
        "--key-file",
        "-",
        "/dev/vg0/pg_00000");
    runIn(
        h,
        "k",
        "cryptsetup",
        "open",
        "--type",
        "luks2",
        "--key-file",
        "-",
        "/dev/vg0/pg_00000",
        "strata-pg");
    write(h, "/etc/drbd.d/pg.res", Sim.res("pg", 1000, 7000, "/dev/mapper/strata-pg"));
    ok(h, "drbdadm", "--max-peers", "2", "--", "--force", "create-md", "pg/0");
    ok(h, "drbdadm", "adjust", "pg");
  }

  @Test
  void sizesAgreeAcrossTheStackAndTeardownIsClean() {
    Host alpha = cluster.host("alpha");
    Host bravo = cluster.host("bravo");
    Host gamma = cluster.host("gamma");
    up(alpha);
    up(bravo);
    ok(alpha, "drbdadm", "new-current-uuid", "--clear-bitmap", "pg/0");
    long luks = (1044L << 20) - (16L << 20); // 1065060k rounded up to 261 extents
    long drbd = DrbdEngine.usableKiB(luks, 2) * 1024;
    assertEquals(drbd + "\n", ok(alpha, "blockdev", "--getsize64", "/dev/drbd1000").out());
    assertTrue(drbd >= 1L << 30, "1 GiB usable asked through the §4 formula: " + drbd);

    write(alpha, S + "/attr_allow_any_host", "1");
    ok(alpha, "mkdir", S + "/namespaces/1");
    write(alpha, S + "/namespaces/1/device_path", "/dev/drbd1000");
    write(alpha, S + "/namespaces/1/enable", "1");
    write(alpha, P + "/addr_trtype", "tcp");
    write(alpha, P + "/addr_adrfam", "ipv4");
    write(alpha, P + "/addr_traddr", "10.0.0.1");
    write(alpha, P + "/addr_trsvcid", "4420");
    ok(alpha, "ln", "-s", S, P + "/subsystems/" + NQN);
    ok(
        gamma,
        "nvme",
        "connect",
        "--transport=tcp",
        "--traddr=10.0.0.1",
        "--trsvcid=4420",
        "--nqn=" + NQN);
    assertEquals(drbd + "\n", ok(gamma, "blockdev", "--getsize64", "/dev/nvme0n1").out());
    cluster.markInUse();

    assertEquals(11, run(alpha, "drbdadm", "down", "pg").exitCode(), "held open by nvmet");
    assertEquals(5, run(alpha, "cryptsetup", "close", "strata-pg").exitCode());
    String lvs =
        json(ok(alpha, "lvs", "--reportformat", "json", "-o", "lv_attr", "vg0/pg_00000").out())
            .get("report")
            .get(0)
            .get("lv")
            .get(0)
            .get("lv_attr")
            .asString();
    assertEquals("-wi-ao----", lvs);

    ok(gamma, "nvme", "disconnect", "-n", NQN);
    ok(alpha, "rm", P + "/subsystems/" + NQN);
    ok(alpha, "rmdir", P);
    write(alpha, S + "/namespaces/1/enable", "0");
    ok(alpha, "rmdir", S + "/namespaces/1");
    ok(alpha, "rmdir", S);
    for (Host h : new Host[] {alpha, bravo}) {
      cluster.authorizeDestruction(h.name(), "/dev/vg0/pg_00000");
      ok(h, "drbdadm", "down", "pg");
      ok(h, "cryptsetup", "close", "strata-pg");
      ok(h, "cryptsetup", "erase", "--batch-mode", "/dev/vg0/pg_00000");
      ok(h, "lvremove", "-f", "vg0/pg_00000");
    }
    assertTrue(cluster.dataLossEvents().isEmpty(), cluster.dataLossEvents().toString());
    assertEquals(
        2,
        cluster.ledger().size(),
        "the erase was recorded as authorized; removal found no data left");
  }
}
