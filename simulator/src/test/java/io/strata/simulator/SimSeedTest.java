package io.strata.simulator;

import static io.strata.simulator.Sim.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.simulator.state.SimSeed;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimSeedTest {
  @Test
  void parsesTheStrataYamlShape() {
    SimSeed s =
        SimSeed.parse(
            Map.of("vg0", "100GiB"), Map.of("vg0/thin", "80 GiB"), Map.of("tank", "200GiB"));
    assertEquals(SimSeed.standard(), s);
    SimulatedCluster c = SimulatedCluster.inMemory(Map.of("alpha", s));
    String vgs =
        ok(
                c.host("alpha"),
                "vgs",
                "--noheadings",
                "--units",
                "b",
                "--nosuffix",
                "-o",
                "vg_name,vg_size,vg_free")
            .out();
    assertEquals(("vg0 " + (100L << 30) + " " + (20L << 30)), vgs.trim().replaceAll("\\s+", " "));
    assertTrue(
        ok(c.host("alpha"), "cat", "/etc/nvme/hostnqn")
            .out()
            .startsWith("nqn.2014-08.org.nvmexpress:uuid:"));
    assertEquals("alpha\n", ok(c.host("alpha"), "uname", "-n").out());
  }

  @Test
  void badSeedsSayWhichEntry() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SimSeed.parse(Map.of("vg0", "lots"), Map.of(), Map.of()));
    assertTrue(e.getMessage().startsWith("simulation seed volumeGroups.vg0: "), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> SimSeed.parse(Map.of("vg0", "1GiB"), Map.of("vg1/thin", "1GiB"), Map.of()));
    assertThrows(
        IllegalArgumentException.class, () -> SimulatedCluster.inMemory(Map.of()).host("bad name"));
  }
}
