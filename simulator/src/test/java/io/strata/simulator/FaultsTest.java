package io.strata.simulator;

import static io.strata.simulator.Sim.ok;
import static io.strata.simulator.Sim.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Host;
import io.strata.executors.host.HostUnreachableException;
import io.strata.executors.host.Result;
import io.strata.simulator.state.SimSeed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultsTest {
  private final SimulatedCluster cluster =
      SimulatedCluster.inMemory(SimSeed.standardFor("alpha", "bravo"));
  private final Host alpha = cluster.host("alpha");

  private boolean exists(String lv) {
    return run(alpha, "lvs", "vg0/" + lv).exitCode() == 0;
  }

  @Test
  void failOnceThenSucceed() {
    cluster.faults().failOnce(List.of("lvcreate"), 5, "  injected\n");
    Result r = run(alpha, "lvcreate", "-L", "4m", "-n", "a", "vg0");
    assertEquals(5, r.exitCode());
    assertEquals("  injected\n", r.err());
    assertFalse(exists("a"), "an injected failure is not applied");
    ok(alpha, "lvcreate", "-L", "4m", "-n", "a", "vg0");
    assertTrue(cluster.commandLog("alpha").get(0).injected());
  }

  @Test
  void failNTimesOnOneNodeAndAlways() {
    cluster.faults().failTimes("alpha", List.of("drbdadm", "adjust"), 2, 10, "boom");
    assertEquals(
        0,
        run(cluster.host("bravo"), "drbdadm", "adjust", "all").exitCode(),
        "bravo is not affected");
    assertEquals(10, run(alpha, "drbdadm", "adjust", "r0").exitCode());
    assertEquals(10, run(alpha, "drbdadm", "adjust", "r0").exitCode());
    assertEquals(
        1, run(alpha, "drbdadm", "adjust", "r0").exitCode()); // the real error: not defined
    cluster.faults().failAlways(null, List.of("zfs"), 1, "zfs down");
    for (int i = 0; i < 3; i++) {
      assertEquals("zfs down", run(cluster.host("bravo"), "zfs", "list").err());
    }
    cluster.faults().clear();
    ok(alpha, "zfs", "list");
  }

  @Test
  void unreachableNodeThrows() {
    cluster.faults().setUnreachable("alpha", true);
    assertThrows(HostUnreachableException.class, () -> run(alpha, "true"));
    assertThrows(HostUnreachableException.class, () -> alpha.readFile(Path.of("/etc/hostname")));
    assertThrows(HostUnreachableException.class, () -> alpha.list(Path.of("/etc")));
    ok(cluster.host("bravo"), "true");
    cluster.faults().setUnreachable("alpha", false);
    ok(alpha, "true");
  }

  @Test
  void aHungCommandAnswersOnlyWhenItsTimeoutKillsIt() throws Exception {
    cluster.faults().hangAlways("alpha", List.of("lvcreate"));
    long t0 = System.nanoTime();
    Result r =
        alpha.run(
            List.of("lvcreate", "-L", "4m", "-n", "a", "vg0"), new byte[0], Duration.ofMillis(300));
    assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(300).toNanos(), "waited the timeout");
    assertTrue(r.timedOut());
    assertFalse(r.success());
    assertFalse(exists("a"), "a hung command is not applied");
    ok(alpha, "lvs"); // only the matching commands hang
    ok(cluster.host("bravo"), "lvcreate", "-L", "4m", "-n", "a", "vg0");

    // without a timeout it never answers: only an interrupt ends it
    java.util.concurrent.atomic.AtomicReference<Throwable> thrown =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                alpha.run(List.of("lvcreate", "-n", "b"), new byte[0], null);
              } catch (Throwable t) {
                thrown.set(t);
              }
            });
    caller.start();
    caller.join(500);
    assertTrue(caller.isAlive(), "still hanging");
    caller.interrupt();
    caller.join(10_000);
    assertTrue(thrown.get() instanceof HostUnreachableException, String.valueOf(thrown.get()));

    cluster.faults().stopHanging("alpha");
    ok(alpha, "lvcreate", "-L", "4m", "-n", "a", "vg0");
  }

  @Test
  void crashBeforeOrAfterApplying() {
    cluster.faults().crashAfter(2, Faults.CrashPoint.BEFORE);
    ok(alpha, "lvcreate", "-L", "4m", "-n", "a", "vg0");
    SimulatedCrash before =
        assertThrows(
            SimulatedCrash.class, () -> run(alpha, "lvcreate", "-L", "4m", "-n", "b", "vg0"));
    assertEquals(Faults.CrashPoint.BEFORE, before.point());
    assertFalse(exists("b"));
    cluster.faults().crashAfter(1, Faults.CrashPoint.AFTER);
    assertThrows(SimulatedCrash.class, () -> run(alpha, "lvcreate", "-L", "4m", "-n", "c", "vg0"));
    assertTrue(exists("c"), "crash after applying: the change happened");
    ok(alpha, "true");
  }

  @Test
  void latencyIsAppliedAndTimeoutsReported() {
    cluster.setLatency(Duration.ofMillis(30));
    long t0 = System.nanoTime();
    ok(alpha, "true");
    assertTrue(System.nanoTime() - t0 >= 30_000_000L);
    Result r = alpha.run(List.of("true"), new byte[0], Duration.ofMillis(5));
    assertTrue(r.timedOut());
    assertFalse(r.success());
  }
}
