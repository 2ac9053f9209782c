package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.drbd.DrbdStatusParser;
import io.strata.executors.host.Result;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Plan;
import io.strata.reconciler.drift.DriftClass;
import io.strata.simulator.CommandRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: a Snapshot of a replicated volume is one crash-consistent group on the simulated
 * cluster — every replica's snapshot is taken while I/O is suspended on every node of the DRBD
 * resource, and I/O is resumed on every node even when a snapshot fails (decision 022).
 */
class ConsistentSnapshotEndToEndTest {
  @TempDir Path tmp;

  private static final String SNAPSHOT =
      """
      apiVersion: strata.io/v1
      kind: Snapshot
      metadata: {name: nightly}
      spec: {volume: db}
      """;

  /** A two-replica thin DRBD volume with a diskless client on gamma, converged. */
  private Engine converged(Cluster c) {
    c.write("cluster.yaml", Cluster.NODES_AND_POOLS)
        .write(
            "db.yaml",
            Cluster.templateAndVolume("db", "drbd, storage", "thin", 2, "1 GiB", "gamma"));
    Engine e = c.engine(1.0);
    Engine.Desired d = e.desired(null, null);
    Engine.Applied made = e.apply(e.planFor(d, false, false).plan(), d);
    assertEquals(List.of(), made.failures());
    assertEquals(List.of(), made.remaining());
    return e;
  }

  private static boolean suspended(Engine e, String node) {
    Result r =
        e.simulation()
            .cluster()
            .host(node)
            .run(
                List.of("drbdsetup", "status", "--json", "db"), new byte[0], Duration.ofSeconds(5));
    assertTrue(r.success(), r.err());
    return DrbdStatusParser.parse(r.out()).get("db").suspendedUser();
  }

  @Test
  void everySnapshotIsTakenWhileEveryNodeIsSuspended() {
    Cluster c = new Cluster(tmp);
    try (Engine e = converged(c)) {
      c.write("snap.yaml", SNAPSHOT);
      e.simulation().cluster().clearCommandLog();
      Engine.Desired d = e.desired(null, null);
      Plan plan = e.planFor(d, false, false).plan();
      long fences =
          plan.changes().stream().filter(ch -> ch.spec() instanceof ObjectSpec.DrbdIoFence).count();
      assertEquals(6, fences, "suspend and resume on alpha, beta and the client gamma");
      assertTrue(plan.changes().stream().allMatch(ch -> ch.action() == Action.SNAPSHOT));

      Engine.Applied applied = e.apply(plan, d);
      assertEquals(List.of(), applied.failures());
      assertEquals(List.of(), applied.remaining());

      List<CommandRecord> log = e.simulation().cluster().commandLog();
      long lastSuspend = lastSeq(log, "drbdadm suspend-io db");
      long firstResume = firstSeq(log, "drbdadm resume-io db");
      List<CommandRecord> snaps =
          log.stream()
              .filter(r -> r.command().startsWith("lvcreate") && r.command().contains("--snapshot"))
              .toList();
      assertEquals(2, snaps.size(), log.toString());
      assertEquals(
          3, log.stream().filter(r -> r.command().equals("drbdadm suspend-io db")).count());
      for (CommandRecord s : snaps) {
        assertTrue(
            s.exitCode() == 0 && s.seq() > lastSuspend && s.seq() < firstResume, log::toString);
      }
      for (String node : List.of("alpha", "beta", "gamma")) {
        assertFalse(suspended(e, node), node + " was left suspended");
      }
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }

  @Test
  void aFailedSnapshotStillResumesEveryNode() {
    Cluster c = new Cluster(tmp);
    try (Engine e = converged(c)) {
      c.write("snap.yaml", SNAPSHOT);
      e.simulation()
          .cluster()
          .faults()
          .failOnce(List.of("lvcreate"), 5, "  Failed to lock logical volume vg0/thin.\n");
      Engine.Desired d = e.desired(null, null);
      Engine.Applied applied = e.apply(e.planFor(d, false, false).plan(), d);
      assertEquals(
          1,
          applied.failures().stream().filter(f -> f.contains("not retried")).count(),
          applied.failures().toString());
      for (String node : List.of("alpha", "beta", "gamma")) {
        assertFalse(suspended(e, node), node + " was left suspended");
      }
      assertEquals(
          3,
          e.simulation().cluster().commandLog().stream()
              .filter(r -> r.command().equals("drbdadm resume-io db"))
              .count());
    }
  }

  @Test
  void ioSuspendedBlocksTheDeviceAndIsHealedByTheNextPlan() {
    Cluster c = new Cluster(tmp);
    try (Engine e = converged(c)) {
      // a run interrupted between suspend and resume (a crash) leaves beta frozen
      var beta = e.simulation().cluster().host("beta");
      assertTrue(
          beta.run(List.of("drbdadm", "suspend-io", "db"), new byte[0], Duration.ofSeconds(5))
              .success());
      assertTrue(suspended(e, "beta"));
      Result blkid =
          beta.run(List.of("blkid", "-p", "/dev/drbd1000"), new byte[0], Duration.ofSeconds(1));
      assertTrue(blkid.timedOut(), "I/O on a suspended device blocks: " + blkid);

      Engine.Desired d = e.desired(null, null);
      assertTrue(
          e.drift(d).items().stream()
              .anyMatch(i -> "beta".equals(i.node()) && i.driftClass() == DriftClass.DEGRADED),
          () -> "suspended I/O is degraded drift: " + e.drift(d).items());
      Plan heal = e.planFor(d, false, false).plan();
      assertEquals(1, heal.changes().size(), heal.changes().toString());
      Change resume = heal.changes().get(0);
      assertEquals("beta", resume.node());
      assertTrue(resume.runsAfterFailure());
      Engine.Applied applied = e.apply(heal, d);
      assertEquals(List.of(), applied.failures());
      assertEquals(List.of(), applied.remaining());
      assertFalse(suspended(e, "beta"));
    }
  }

  private static long lastSeq(List<CommandRecord> log, String command) {
    return log.stream()
        .filter(r -> r.command().equals(command))
        .mapToLong(CommandRecord::seq)
        .max()
        .orElseThrow();
  }

  private static long firstSeq(List<CommandRecord> log, String command) {
    return log.stream()
        .filter(r -> r.command().equals(command))
        .mapToLong(CommandRecord::seq)
        .min()
        .orElseThrow();
  }
}
