package io.strata.simulator;

import static io.strata.simulator.Sim.fixture;
import static io.strata.simulator.Sim.json;
import static io.strata.simulator.Sim.ok;
import static io.strata.simulator.Sim.run;
import static io.strata.simulator.Sim.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.simulator.state.SimSeed;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Real resource files (drbd-utils' own test data) through the simulated drbdadm. */
class DrbdConfFixturesTest {
  private static final SimSeed SSD = new SimSeed(Map.of("ssdpool", 10L << 30), Map.of(), Map.of());
  private final SimulatedCluster cluster =
      SimulatedCluster.inMemory(Map.of("swiftfox", SSD, "undertest", SSD));

  @Test
  void drbdUtilsTestFilesParseOrFailLike922() {
    Host h = cluster.host("undertest");
    write(h, "/etc/drbd.d/a.res", fixture("drbd-utils-tests_release_9_1_1.res"));
    ok(h, "drbdadm", "-c", "/etc/drbd.d/a.res", "sh-nop");
    assertEquals("r0\n", ok(h, "drbdadm", "-c", "/etc/drbd.d/a.res", "sh-resources").out());
    write(h, "/etc/drbd.d/t.conf", fixture("drbd-utils-tests_tiebreaker.res"));
    Result tb = run(h, "drbdadm", "-c", "/etc/drbd.d/t.conf", "sh-nop");
    assertEquals(10, tb.exitCode());
    assertTrue(
        tb.err()
            .contains(
                "Parse error: 'device | disk | meta-disk | flex-meta-disk | }' expected,\n\tbut got 'tiebreaker'"),
        tb.err());
  }

  @Test
  void linstorStyleConnectionSectionsConnect() {
    for (String n : new String[] {"swiftfox", "undertest"}) {
      Host h = cluster.host(n);
      ok(h, "lvcreate", "-L", "256m", "-n", "res0_0", "ssdpool");
      write(
          h,
          "/etc/drbd.d/res0.res",
          fixture("drbd-utils-tests_resync_after.res").split("\nresource res1")[0]);
      ok(h, "drbdadm", "create-md", "--force", "res0");
      ok(h, "drbdadm", "adjust", "res0");
    }
    JsonNode s = json(ok(cluster.host("swiftfox"), "drbdsetup", "status", "--json").out()).get(0);
    assertEquals(1, s.get("node-id").asInt());
    assertEquals(1039, s.get("devices").get(0).get("minor").asInt());
    JsonNode c = s.get("connections").get(0);
    assertEquals("undertest", c.get("name").asString());
    assertEquals(2, c.get("peer-node-id").asInt());
    assertEquals("Connected", c.get("connection-state").asString());
  }
}
