package io.strata.simulator;

import static io.strata.simulator.Sim.ok;
import static io.strata.simulator.Sim.res;
import static io.strata.simulator.Sim.run;
import static io.strata.simulator.Sim.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Host;
import io.strata.simulator.state.LedgerEvent;
import io.strata.simulator.state.SimSeed;
import org.junit.jupiter.api.Test;

class LedgerTest {
  private final SimulatedCluster cluster =
      SimulatedCluster.inMemory(SimSeed.standardFor("alpha", "bravo"));
  private final Host alpha = cluster.host("alpha");
  private final Host bravo = cluster.host("bravo");

  private void upToDate() {
    for (Host h : new Host[] {alpha, bravo}) {
      ok(h, "lvcreate", "-L", "64m", "-n", "r0_00000", "vg0");
      write(h, "/etc/drbd.d/r0.res", res("r0", 1000, 7000, "/dev/vg0/r0_00000"));
      ok(h, "drbdadm", "create-md", "--force", "r0");
      ok(h, "drbdadm", "adjust", "r0");
    }
    ok(alpha, "drbdadm", "primary", "--force", "r0");
    assertTrue(cluster.ledger().isEmpty(), "creating is not destroying");
  }

  @Test
  void createMdForceOverUpToDateDataIsDataLoss() {
    upToDate();
    ok(bravo, "drbdadm", "down", "r0");
    ok(bravo, "drbdadm", "create-md", "--force", "r0");
    assertEquals(1, cluster.dataLossEvents().size());
    assertEquals("create-md", cluster.dataLossEvents().get(0).operation());
    assertEquals("bravo", cluster.dataLossEvents().get(0).node());
  }

  @Test
  void removingAnAuthorizedReplicaIsNotDataLoss() {
    upToDate();
    cluster.authorizeDestruction("bravo", "/dev/vg0/r0_00000");
    ok(bravo, "drbdadm", "down", "r0");
    ok(bravo, "lvremove", "-y", "vg0/r0_00000");
    ok(alpha, "drbdadm", "down", "r0");
    ok(alpha, "lvremove", "-y", "vg0/r0_00000");
    assertEquals(2, cluster.ledger().size());
    assertEquals(LedgerEvent.Kind.AUTHORIZED_DESTRUCTION, cluster.ledger().get(0).kind());
    assertEquals(1, cluster.dataLossEvents().size());
    assertEquals("alpha", cluster.dataLossEvents().get(0).node());
  }

  @Test
  void blankDevicesCanBeFormattedFreely() {
    ok(alpha, "lvcreate", "-L", "64m", "-n", "x", "vg0");
    ok(alpha, "mkfs.ext4", "/dev/vg0/x");
    assertTrue(ok(alpha, "blkid", "-p", "-o", "export", "/dev/vg0/x").out().contains("TYPE=ext4"));
    cluster.markInUse();
    ok(alpha, "mkfs.xfs", "/dev/vg0/x");
    assertEquals(1, cluster.dataLossEvents().size());
    assertEquals(5, run(alpha, "lvreduce", "-L", "32m", "vg0/x").exitCode());
    ok(alpha, "lvresize", "-f", "-L", "32m", "vg0/x");
    assertEquals(1, cluster.dataLossEvents().size(), "no data since the mkfs");
  }

  @Test
  void theCommandLogRecordsEveryOperation() {
    ok(alpha, "true");
    write(alpha, "/etc/x", "y");
    assertEquals(2, cluster.commandLog("alpha").size());
    assertEquals("writeFile", cluster.commandLog("alpha").get(1).argv().get(0));
  }
}
