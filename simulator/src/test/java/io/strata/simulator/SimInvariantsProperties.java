package io.strata.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.simulator.state.SimNode;
import io.strata.simulator.state.SimSeed;
import io.strata.simulator.state.VgState;
import io.strata.simulator.state.ZpoolState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random sequences of commands never corrupt the simulated state. */
class SimInvariantsProperties {
  private static final long G = 1L << 30;
  private static final SimSeed SEED =
      new SimSeed(Map.of("vg0", 8 * G), Map.of("vg0/thin", 4 * G), Map.of("tank", 8 * G));

  record Step(int op, int name, int size) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.integers().between(0, 11),
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 5))
            .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(25);
  }

  private static final String[] SIZES = {"4m", "100001k", "1g", "3g", "513m", "6g"};

  private static List<String> argv(Step s) {
    String lv = "lv" + s.name();
    String size = SIZES[s.size()];
    return switch (s.op()) {
      case 0 -> List.of("lvcreate", "-y", "--size", size, "-n", lv, "--addtag", "strata", "vg0");
      case 1 -> List.of("lvcreate", "-V", size, "-T", "vg0/thin", "-n", lv);
      case 2 -> List.of("lvextend", "--size", "+" + size, "vg0/" + lv);
      case 3 -> List.of("lvremove", "-y", "vg0/" + lv);
      case 4 -> List.of("lvcreate", "-s", "-L", size, "-n", lv + "s", "vg0/" + lv);
      case 5 -> List.of("zfs", "create", "-V", size.toUpperCase(), "tank/" + lv);
      case 6 -> List.of("zfs", "set", "volsize=" + (s.size() + 1) + "G", "tank/" + lv);
      case 7 -> List.of("zfs", "destroy", "-r", "tank/" + lv);
      case 8 -> List.of("cryptsetup", "luksFormat", "-q", "--key-file", "-", "/dev/vg0/" + lv);
      case 9 -> List.of("cryptsetup", "open", "--key-file", "-", "/dev/vg0/" + lv, "c" + s.name());
      case 10 -> List.of("cryptsetup", "close", "c" + s.name());
      default ->
          List.of(
              "lvs",
              "--reportformat",
              "json",
              "--units",
              "b",
              "--nosuffix",
              "-o",
              "lv_name,lv_size");
    };
  }

  @Property(tries = 40)
  void commandsNeverCorruptState(@ForAll("steps") List<Step> steps) throws IOException {
    Path dir = Files.createTempDirectory("sim-prop");
    try {
      SimulatedCluster cluster = SimulatedCluster.persistent(dir, Map.of("alpha", SEED));
      Host alpha = cluster.host("alpha");
      for (Step s : steps) {
        Result r = alpha.run(argv(s), "key".getBytes(), Duration.ofMinutes(1));
        assertTrue(r.exitCode() >= 0 && r.exitCode() < 127, r.err());
        SimNode n = SimulatedCluster.persistent(dir, Map.of()).inspect(cs -> cs.node("alpha"));
        check(n);
      }
      assertEquals(
          List.of(),
          cluster.dataLossEvents().stream()
              .filter(e -> !e.operation().equals("luksFormat"))
              .toList());
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void check(SimNode n) {
    for (VgState vg : n.vgs.values()) {
      assertTrue(vg.freeExtents() >= 0, "free extents " + vg.freeExtents());
      long sum = vg.lvs.values().stream().mapToLong(lv -> lv.extents * vg.extentSize).sum();
      assertTrue(sum <= vg.extentCount * vg.extentSize, "LVs " + sum + " > VG");
      vg.lvs.values().forEach(lv -> assertTrue(lv.sizeBytes % vg.extentSize == 0, lv.name));
    }
    for (ZpoolState zp : n.zpools.values()) {
      assertTrue(zp.used() <= zp.sizeBytes, "zpool over-committed: " + zp.used());
    }
    n.mappings.values().forEach(m -> assertTrue(m.device.startsWith("/dev/vg0/"), m.device));
  }
}
