package io.strata.simulator;

import static io.strata.simulator.Sim.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.executors.layer.FakeHost;
import io.strata.simulator.state.SimSeed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulated kernel answers as the lab's Debian kernel did (issue 9): DRBD 8.4 as a node
 * property, byte for byte against the output captured there.
 */
class KernelPropertiesSimTest {
  private static final long GIB = 1L << 30;

  @Test
  void aDrbd84NodeAnswersStatusJsonAsTheRealOne() {
    SimulatedCluster c =
        SimulatedCluster.inMemory(
            Map.of(
                "old",
                new SimSeed(Map.of("vg0", 10 * GIB), Map.of(), Map.of(), "8.4.11"),
                "new",
                new SimSeed(Map.of("vg0", 10 * GIB), Map.of(), Map.of())));
    Host old = c.host("old");
    Result r = run(old, "drbdsetup", "status", "--json");
    assertEquals(20, r.exitCode());
    assertEquals(FakeHost.fixture("real-tools/vm-xfail-drbdsetup-status-json.out"), r.out());
    String proc =
        new String(old.readFile(Path.of("/proc/drbd")).orElseThrow(), StandardCharsets.UTF_8);
    assertTrue(proc.startsWith("version: 8.4.11 (api:1/proto:86-101)"), proc);
    assertEquals(
        FakeHost.fixture("real-tools/vm-proc-drbd-synced.out").lines().findFirst().orElseThrow(),
        proc.lines().findFirst().orElseThrow());

    Result modern = run(c.host("new"), "drbdsetup", "status", "--json");
    assertEquals(0, modern.exitCode(), modern.err());
  }
}
