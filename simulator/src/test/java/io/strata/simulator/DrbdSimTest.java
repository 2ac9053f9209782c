package io.strata.simulator;

import static io.strata.simulator.Sim.fixture;
import static io.strata.simulator.Sim.json;
import static io.strata.simulator.Sim.keys;
import static io.strata.simulator.Sim.ok;
import static io.strata.simulator.Sim.res;
import static io.strata.simulator.Sim.run;
import static io.strata.simulator.Sim.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.simulator.state.SimSeed;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DrbdSimTest {
  private final SimulatedCluster cluster =
      SimulatedCluster.inMemory(SimSeed.standardFor("alpha", "bravo"));
  private final Host alpha = cluster.host("alpha");
  private final Host bravo = cluster.host("bravo");
  private static final String DISK = "/dev/vg0/r0_00000";

  private void prepare(Host h) {
    ok(h, "lvcreate", "--size", "1g", "-n", "r0_00000", "-y", "vg0");
    write(h, "/etc/drbd.d/r0.res", res("r0", 1000, 7000, DISK));
    ok(h, "drbdadm", "--config-to-test", "/etc/drbd.d/r0.res", "sh-nop");
    assertEquals(
        1,
        run(h, "drbdmeta", "1000", "v09", DISK, "internal", "get-gi", "--node-id", "0", "--force")
            .exitCode());
    ok(h, "drbdadm", "-vvv", "--max-peers", "7", "--", "--force", "create-md", "r0/0");
    ok(h, "drbdmeta", "1000", "v09", DISK, "internal", "get-gi", "--node-id", "0", "--force");
  }

  private JsonNode status(Host h) {
    return json(ok(h, "drbdsetup", "status", "--json").out());
  }

  @Test
  void twoNodesConnectSyncAndDisconnect() {
    prepare(alpha);
    prepare(bravo);
    ok(alpha, "drbdadm", "adjust", "r0");
    JsonNode lonely = status(alpha).get(0);
    assertEquals("Connecting", lonely.get("connections").get(0).get("connection-state").asString());
    ok(bravo, "drbdadm", "adjust", "r0");
    JsonNode a = status(alpha).get(0);
    assertEquals("Inconsistent", a.get("devices").get(0).get("disk-state").asString());
    assertEquals("Connected", a.get("connections").get(0).get("connection-state").asString());
    assertEquals(
        "Inconsistent",
        a.get("connections").get(0).get("peer_devices").get(0).get("peer-disk-state").asString());

    ok(alpha, "drbdadm", "primary", "--force", "r0");
    ok(alpha, "drbdadm", "secondary", "r0");
    for (Host h : new Host[] {alpha, bravo}) {
      JsonNode s = status(h).get(0);
      assertEquals("UpToDate", s.get("devices").get(0).get("disk-state").asString(), h.name());
      JsonNode pd = s.get("connections").get(0).get("peer_devices").get(0);
      assertEquals("UpToDate", pd.get("peer-disk-state").asString());
      assertEquals("Established", pd.get("replication-state").asString());
    }
    long size = status(alpha).get(0).get("devices").get(0).get("size").asLong();
    assertTrue(size > 1_040_000 && size < 1_048_576, "size " + size);

    String events = ok(alpha, "drbdsetup", "events2", "--now").out();
    assertEquals(
        "exists resource name:r0 role:Secondary suspended:no\n"
            + "exists connection name:r0 peer-node-id:1 conn-name:bravo connection:Connected role:Secondary\n"
            + "exists device name:r0 volume:0 minor:1000 disk:UpToDate client:no quorum:yes\n"
            + "exists peer-device name:r0 peer-node-id:1 conn-name:bravo volume:0 replication:Established"
            + " peer-disk:UpToDate peer-client:no resync-suspended:no\nexists -\n",
        events);

    ok(bravo, "drbdadm", "down", "r0");
    JsonNode after = status(alpha).get(0).get("connections").get(0);
    assertEquals("Connecting", after.get("connection-state").asString());
    assertEquals("DUnknown", after.get("peer_devices").get(0).get("peer-disk-state").asString());
    assertEquals("[\n]\n", ok(bravo, "drbdsetup", "status", "--json").out());
    assertTrue(cluster.dataLossEvents().isEmpty());
  }

  @Test
  void statusJsonHasTheKeysOfRealDrbd9() {
    prepare(alpha);
    prepare(bravo);
    ok(alpha, "drbdadm", "adjust", "r0");
    ok(bravo, "drbdadm", "adjust", "r0");
    ok(alpha, "drbdadm", "new-current-uuid", "--clear-bitmap", "r0/0");
    JsonNode ours = status(alpha).get(0);
    JsonNode real = json(fixture("salt-shaptools_shanghai_2node-uptodate.json")).get(0);
    assertTrue(keys(ours).containsAll(keys(real)), keys(ours).toString());
    assertEquals(keys(real.get("devices").get(0)), keys(ours.get("devices").get(0)));
    assertEquals(keys(real.get("connections").get(0)), keys(ours.get("connections").get(0)));
    JsonNode pd = ours.get("connections").get(0).get("peer_devices").get(0);
    assertEquals(keys(real.get("connections").get(0).get("peer_devices").get(0)), keys(pd));
    assertTrue(ours.get("node-id").isInt() && ours.get("suspended").isBoolean());
    assertTrue(pd.get("percent-in-sync").isNumber());
    assertEquals("UpToDate", ours.get("devices").get(0).get("disk-state").asString());
    assertTrue(
        ok(alpha, "drbdsetup", "status", "--json").out().contains("\"percent-in-sync\": 100.00"));
  }

  @Test
  void resyncProgressesOverSimulatedTime() {
    cluster.setSyncRate(100L << 20); // 100 MiB/s, 1 GiB takes ~10 s
    prepare(alpha);
    prepare(bravo);
    ok(alpha, "drbdadm", "adjust", "r0");
    ok(bravo, "drbdadm", "adjust", "r0");
    ok(alpha, "drbdadm", "primary", "--force", "r0");
    JsonNode pd = status(alpha).get(0).get("connections").get(0).get("peer_devices").get(0);
    assertEquals("SyncSource", pd.get("replication-state").asString());
    assertEquals("Inconsistent", pd.get("peer-disk-state").asString());
    assertTrue(pd.get("has-sync-details").asBoolean());
    assertEquals(
        "SyncTarget",
        status(bravo)
            .get(0)
            .get("connections")
            .get(0)
            .get("peer_devices")
            .get(0)
            .get("replication-state")
            .asString());
    JsonNode real =
        json(fixture("salt-shaptools_shanghai_syncsource-with-sync-details_nan.json")
                .replace(": nan", ": null"))
            .get(0)
            .get("connections")
            .get(0)
            .get("peer_devices")
            .get(0);
    assertEquals(
        keys(real), keys(pd), "SyncSource peer device with sync details, as DRBD prints it");
    cluster.advanceTime(Duration.ofSeconds(5));
    double pct =
        status(alpha)
            .get(0)
            .get("connections")
            .get(0)
            .get("peer_devices")
            .get(0)
            .get("percent-in-sync")
            .asDouble();
    assertTrue(pct > 40 && pct < 60, "percent " + pct);
    cluster.advanceTime(Duration.ofSeconds(6));
    assertEquals(
        "UpToDate", status(bravo).get(0).get("devices").get(0).get("disk-state").asString());
  }

  @Test
  void sizeIsAgreedWithPeersAndKeptWhileDisconnected() {
    prepare(alpha);
    prepare(bravo);
    ok(bravo, "lvextend", "-L", "2g", "vg0/r0_00000");
    ok(alpha, "drbdadm", "adjust", "r0");
    long alone = status(alpha).get(0).get("devices").get(0).get("size").asLong();
    ok(bravo, "drbdadm", "adjust", "r0");
    long agreed = status(bravo).get(0).get("devices").get(0).get("size").asLong();
    assertEquals(alone, agreed, "the smaller disk sets the size");
    ok(alpha, "drbdadm", "down", "r0");
    assertEquals(agreed, status(bravo).get(0).get("devices").get(0).get("size").asLong(), "kept");
    ok(alpha, "lvextend", "-L", "2g", "vg0/r0_00000");
    ok(alpha, "drbdadm", "adjust", "r0");
    ok(alpha, "drbdadm", "resize", "r0/0");
    long grown = status(bravo).get(0).get("devices").get(0).get("size").asLong();
    assertTrue(grown > 2 * agreed - 1000, "grown to the new common size: " + grown);
    assertEquals(grown * 1024 + "\n", ok(alpha, "blockdev", "--getsize64", "/dev/drbd1000").out());
  }

  @Test
  void connectingPeerLooksLikeTheRealFragment() {
    prepare(alpha);
    ok(alpha, "drbdadm", "adjust", "r0");
    JsonNode ours = status(alpha).get(0).get("connections").get(0);
    JsonNode real =
        json(fixture("piraeus-ha-controller_connections-fragment_connecting.json")).get(0);
    assertEquals(keys(real), keys(ours));
    assertEquals(keys(real.get("peer_devices").get(0)), keys(ours.get("peer_devices").get(0)));
    for (String k : new String[] {"connection-state", "peer-role"}) {
      assertEquals(real.get(k).asString(), ours.get(k).asString(), k);
    }
    JsonNode rpd = real.get("peer_devices").get(0);
    JsonNode opd = ours.get("peer_devices").get(0);
    for (String k : new String[] {"replication-state", "peer-disk-state", "resync-suspended"}) {
      assertEquals(rpd.get(k).asString(), opd.get(k).asString(), k);
    }
  }

  @Test
  void createMdRefusesExistingMetadataWithoutForce() {
    prepare(alpha);
    Result r = run(alpha, "drbdadm", "create-md", "r0");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("Operation cancelled."), r.err());
    Result missing = run(alpha, "drbdmeta", "1000", "v09", "/dev/vg0/nope", "internal", "get-gi");
    assertEquals(20, missing.exitCode());
  }

  @Test
  void configChecksLikeDrbdadm() {
    ok(alpha, "lvcreate", "--size", "1g", "-n", "r0_00000", "-y", "vg0");
    write(alpha, "/etc/drbd.d/r0.res", res("r0", 1000, 7000, DISK));
    write(alpha, "/etc/drbd.d/r1.res.tmp", res("r1", 1000, 7001, DISK));
    Result dupMinor =
        run(
            alpha,
            "drbdadm",
            "--config-to-test",
            "/etc/drbd.d/r1.res.tmp",
            "--config-to-exclude",
            "/etc/drbd.d/r1.res",
            "sh-nop");
    assertEquals(10, dupMinor.exitCode());
    assertTrue(
        dupMinor.err().contains("conflicting use of device-minor 'device-minor:alpha:1000'"),
        dupMinor.err());
    write(alpha, "/etc/drbd.d/bad.res.tmp", fixture("r0.res").replace("protocol C", "protocol Q"));
    Result bad =
        run(
            alpha,
            "drbdadm",
            "--config-to-test",
            "/etc/drbd.d/bad.res.tmp",
            "-c",
            "/etc/drbd.d/bad.res.tmp",
            "sh-nop");
    assertEquals(10, bad.exitCode());
    assertTrue(bad.err().contains("Allowed values are: A | B | C"), bad.err());
    alpha.deleteFile(Path.of("/etc/drbd.d/r1.res.tmp"));
    alpha.deleteFile(Path.of("/etc/drbd.d/bad.res.tmp"));
    assertEquals(1, run(alpha, "drbdadm", "adjust", "nosuch").exitCode());
    Result noMd = run(alpha, "drbdadm", "adjust", "r0");
    assertEquals(10, noMd.exitCode());
    assertTrue(noMd.err().contains("No valid meta-data signature found"));
    assertEquals(20, run(alpha, "drbdadm", "frob", "r0").exitCode());
  }

  @Test
  void anAttachedDiskCannotBeRemoved() {
    prepare(alpha);
    ok(alpha, "drbdadm", "adjust", "r0");
    Result r = run(alpha, "lvremove", "-y", "vg0/r0_00000");
    assertEquals(5, r.exitCode());
    assertEquals("  Logical volume vg0/r0_00000 in use.\n", r.err());
    JsonNode lv =
        json(ok(alpha, "lvs", "--reportformat", "json", "-o", "lv_name,lv_attr", "vg0/r0_00000")
                .out())
            .get("report")
            .get(0)
            .get("lv")
            .get(0);
    assertEquals("-wi-ao----", lv.get("lv_attr").asString());
  }

  @Test
  void disklessClientSeesUpToDatePeersAndCanBePrimary() {
    SimulatedCluster c3 = SimulatedCluster.inMemory(SimSeed.standardFor("alpha", "bravo", "gamma"));
    String conf =
        "resource r0 {\n options { quorum majority; }\n"
            + " on alpha { address ipv4 10.0.0.1:7000; volume 0 { disk "
            + DISK
            + "; meta-disk internal; device minor 1000; } node-id 0; }\n"
            + " on bravo { address ipv4 10.0.0.2:7000; volume 0 { disk "
            + DISK
            + "; meta-disk internal; device minor 1000; } node-id 1; }\n"
            + " on gamma { address ipv4 10.0.0.3:7000; volume 0 { disk none; device minor 1000; } node-id 2; }\n"
            + " connection-mesh { hosts alpha bravo gamma; }\n}\n";
    for (String n : new String[] {"alpha", "bravo", "gamma"}) {
      Host h = c3.host(n);
      write(h, "/etc/drbd.d/r0.res", conf);
      if (!n.equals("gamma")) {
        ok(h, "lvcreate", "--size", "1g", "-n", "r0_00000", "-y", "vg0");
        ok(h, "drbdadm", "create-md", "--force", "r0");
      }
      ok(h, "drbdadm", "adjust", "r0");
    }
    Host gamma = c3.host("gamma");
    assertEquals(
        11, run(gamma, "drbdadm", "primary", "r0").exitCode(), "no UpToDate data anywhere yet");
    ok(c3.host("alpha"), "drbdadm", "new-current-uuid", "--clear-bitmap", "r0/0");
    ok(gamma, "drbdadm", "primary", "r0");
    JsonNode g = json(ok(gamma, "drbdsetup", "status", "--json").out()).get(0);
    assertEquals("Primary", g.get("role").asString());
    JsonNode dev = g.get("devices").get(0);
    assertEquals("Diskless", dev.get("disk-state").asString());
    assertTrue(dev.get("client").asBoolean());
    assertTrue(dev.get("size").asLong() > 0);
    assertEquals(
        "UpToDate",
        g.get("connections").get(0).get("peer_devices").get(0).get("peer-disk-state").asString());
    JsonNode a = json(ok(c3.host("alpha"), "drbdsetup", "status", "--json").out()).get(0);
    JsonNode toGamma = a.get("connections").get(1);
    assertEquals("Primary", toGamma.get("peer-role").asString());
    assertTrue(toGamma.get("peer_devices").get(0).get("peer-client").asBoolean());
    assertEquals(
        11,
        run(c3.host("alpha"), "drbdadm", "primary", "r0").exitCode(),
        "two primaries not allowed");
    Result probe = run(c3.host("alpha"), "blkid", "-p", "-o", "export", "/dev/drbd1000");
    assertEquals(
        2, probe.exitCode(), "the DRBD device shows its (blank) data, not the metadata below");
    assertTrue(
        ok(c3.host("alpha"), "blkid", "-p", "-o", "export", DISK).out().contains("TYPE=drbd\n"));
  }

  @Test
  void theRealResFileFixtureParses() {
    ok(
        alpha,
        "lvcreate",
        "--size",
        "1g",
        "-n",
        "r0_00000",
        "-y",
        "vgX".substring(0, 3).replace("vgX", "vg0"));
    write(alpha, "/etc/drbd.d/r0.res", fixture("r0.res"));
    ok(alpha, "drbdadm", "sh-nop");
    assertEquals("r0\n", ok(alpha, "drbdadm", "sh-resources").out());
  }
}
