package io.strata.simulator;

import static io.strata.simulator.Sim.json;
import static io.strata.simulator.Sim.ok;
import static io.strata.simulator.Sim.run;
import static io.strata.simulator.Sim.runIn;
import static io.strata.simulator.Sim.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.simulator.state.SimSeed;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A simulated reboot leaves what a real one leaves: the on-disk state (LVM metadata, LUKS header,
 * DRBD metadata and .res file) with no runtime object on top, each tool answering as it does then.
 */
class RebootTest {
  private final SimulatedCluster cluster =
      SimulatedCluster.inMemory(SimSeed.standardFor("alpha", "bravo", "gamma"));
  private static final String NQN = "nqn.2014-08.io.strata:pg";
  private static final String S = "/sys/kernel/config/nvmet/subsystems/" + NQN;
  private static final String P = "/sys/kernel/config/nvmet/ports/1";

  private static void open(Host h) {
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
  }

  private void up(Host h) {
    ok(h, "lvcreate", "--size", "1065060k", "-n", "pg_00000", "--addtag", "strata", "-y", "vg0");
    ok(
        h,
        "lvcreate",
        "--virtualsize",
        "102400k",
        "--thinpool",
        "thin",
        "--name",
        "wal_00000",
        "--addtag",
        "strata",
        "vg0");
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
    open(h);
    write(h, "/etc/drbd.d/pg.res", Sim.res("pg", 1000, 7000, "/dev/mapper/strata-pg"));
    ok(h, "drbdadm", "--max-peers", "2", "--", "--force", "create-md", "pg/0");
    ok(h, "drbdadm", "adjust", "pg");
  }

  private static JsonNode lv(Host h, String name) {
    JsonNode lvs =
        json(ok(
                    h,
                    "lvs",
                    "--reportformat",
                    "json",
                    "--units",
                    "b",
                    "--nosuffix",
                    "-o",
                    "lv_name,lv_attr,lv_active,data_percent",
                    "vg0")
                .out())
            .get("report")
            .get(0)
            .get("lv");
    for (JsonNode lv : lvs) {
      if (lv.get("lv_name").asString().equals(name)) {
        return lv;
      }
    }
    throw new AssertionError("no LV " + name + " in " + lvs);
  }

  @Test
  void aRebootDropsTheRuntimeKeepsTheDiskAndTheStackComesBackWithoutFormatting() {
    Host alpha = cluster.host("alpha");
    Host bravo = cluster.host("bravo");
    Host gamma = cluster.host("gamma");
    up(alpha);
    up(bravo);
    ok(alpha, "drbdadm", "new-current-uuid", "--clear-bitmap", "pg/0");
    write(alpha, S + "/attr_allow_any_host", "1");
    ok(alpha, "mkdir", S + "/namespaces/1");
    write(alpha, S + "/namespaces/1/device_path", "/dev/drbd1000");
    write(alpha, S + "/namespaces/1/enable", "1");
    write(alpha, P + "/addr_trtype", "tcp");
    write(alpha, P + "/addr_adrfam", "ipv4");
    write(alpha, P + "/addr_traddr", "10.0.0.1");
    write(alpha, P + "/addr_trsvcid", "4420");
    ok(alpha, "ln", "-s", S, P + "/subsystems/" + NQN);
    ok(gamma, "nvme", "connect", "-t", "tcp", "-a", "10.0.0.1", "-s", "4420", "-n", NQN);
    cluster.markInUse();

    String summary = cluster.reboot("alpha");
    assertEquals(
        "alpha rebooted: 3 LV(s) deactivated, 1 dm-crypt mapping(s) closed, 1 DRBD resource(s)"
            + " down, 1 nvmet subsystem(s) gone, 0 NVMe-oF connection(s) gone",
        summary);

    // lvs: inactive (no 'a' in the state column, lv_active empty, no usage known)
    JsonNode pg = lv(alpha, "pg_00000");
    assertEquals("-wi-------", pg.get("lv_attr").asString());
    assertEquals("", pg.get("lv_active").asString());
    assertEquals("", lv(alpha, "thin").get("data_percent").asString());
    assertEquals(1, run(alpha, "blockdev", "--getsize64", "/dev/vg0/pg_00000").exitCode());
    // the mapping is closed: cryptsetup status says inactive with rc 4; dmsetup lists nothing
    Result status = run(alpha, "cryptsetup", "status", "strata-pg");
    assertEquals(4, status.exitCode(), status.out() + status.err());
    assertEquals(
        "",
        ok(alpha, "dmsetup", "ls", "--target", "crypt")
            .out()
            .strip()
            .replace("No devices found", ""));
    // DRBD is down: no such resource, an empty JSON list; the .res file stays
    assertEquals(10, run(alpha, "drbdsetup", "status", "pg").exitCode());
    assertEquals(0, json(ok(alpha, "drbdsetup", "status", "--json").out()).size());
    assertTrue(alpha.readFile(Path.of("/etc/drbd.d/pg.res")).isPresent());
    // configfs is empty; the peer and the initiator notice
    assertEquals(java.util.List.of(), alpha.list(Path.of("/sys/kernel/config/nvmet/subsystems")));
    assertTrue(
        ok(bravo, "drbdsetup", "status", "pg").out().contains("Connecting"), "bravo lost alpha");

    // the way back, bottom-up: activate, open (never format), adjust (never create-md)
    ok(alpha, "lvchange", "--activate", "y", "vg0/pg_00000");
    ok(alpha, "lvchange", "--activate", "y", "vg0/wal_00000");
    assertEquals("twi-aotz--", lv(alpha, "thin").get("lv_attr").asString(), "pool comes with it");
    open(alpha);
    ok(alpha, "drbdadm", "adjust", "pg");
    String back = ok(alpha, "drbdsetup", "status", "pg").out();
    assertTrue(back.contains("disk:UpToDate"), back);
    assertTrue(back.contains("bravo role:Secondary"), back);
    assertTrue(cluster.dataLossEvents().isEmpty(), cluster.dataLossEvents().toString());
  }
}
