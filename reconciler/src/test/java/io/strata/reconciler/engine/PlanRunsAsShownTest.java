package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.plan.Plan;
import io.strata.reconciler.config.ConfigLoader;
import io.strata.simulator.CommandRecord;
import io.strata.simulator.SimulatedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10's "done when": a plan saved as JSON ({@code strata plan --out p.json}) and applied from
 * that file ({@code strata apply p.json}) runs exactly the mutating commands the file shows, in
 * dependency order, as the simulated nodes' command log records them — on the shipped example and
 * on every scenario of the engine tests (each layer stack and provider, a volume's life: grow,
 * access added and removed, deletion). {@link PlanVersusLog} says what "exactly" means.
 */
class PlanRunsAsShownTest {
  private static final Map<String, String> KEYS =
      Map.of(
          "TEST_LUKS_KEY", "correct horse battery staple",
          "STRATA_LUKS_KEY", "correct horse battery staple");

  @TempDir Path tmp;

  /** One state of the manifests: files written (null: deleted), and whether deletion is pruned. */
  record Step(Map<String, String> files, boolean prune) {
    static Step write(String file, String yaml) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put(file, yaml);
      return new Step(m, false);
    }

    static Step delete(String file) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put(file, null);
      return new Step(m, true);
    }
  }

  static Stream<Arguments> engineScenarios() {
    List<Arguments> out = new ArrayList<>();
    // EndToEndTest: every layer stack and provider
    String[][] stacks = {
      {"storage", "thick", "1", ""},
      {"storage", "thin", "1", ""},
      {"storage", "zfs", "1", ""},
      {"storage", "zthin", "1", ""},
      {"luks, storage", "thick", "1", ""},
      {"drbd, storage", "thick", "2", "gamma"},
      {"drbd, storage", "thin", "2", ""},
      {"drbd, storage", "zfs", "3", ""},
      {"drbd, luks, storage", "thick", "2", "gamma"},
      {"nvme, storage", "thick", "1", "beta"},
      {"nvme, luks, storage", "zthin", "1", "gamma"},
    };
    for (String[] s : stacks) {
      out.add(
          Arguments.of(
              "[" + s[0] + "] on " + s[1] + ", redundancy " + s[2],
              List.of(
                  Step.write(
                      "vol.yaml",
                      Cluster.templateAndVolume(
                          "vol", s[0], s[1], Integer.parseInt(s[2]), "10 GiB", s[3])))));
    }
    // LifecycleEndToEndTest and OrphanDeletionEndToEndTest: one volume's life
    out.add(
        Arguments.of(
            "life of a mirrored encrypted volume",
            List.of(
                Step.write("pg.yaml", mirrored("10 GiB", "")),
                Step.write("pg.yaml", mirrored("14 GiB", "")),
                Step.write("pg.yaml", mirrored("14 GiB", "gamma")),
                Step.write("pg.yaml", mirrored("14 GiB", "")),
                Step.delete("pg.yaml"))));
    out.add(
        Arguments.of(
            // an export's update (initiators changed) previews its whole convergence but runs
            // only what differs: left out until the plan carries the difference (decision 015)
            "an NVMe export grows and is deleted",
            List.of(
                Step.write("vm.yaml", exported("4 GiB", "beta")),
                Step.write("vm.yaml", exported("6 GiB", "beta")),
                Step.delete("vm.yaml"))));
    out.add(
        Arguments.of(
            // decision 026: the first export configures the shared port, the second only links
            "two NVMe exports share a port; one is deleted, then the other",
            List.of(
                Step.write("a.yaml", onAlpha("vm-a")),
                Step.write("b.yaml", onAlpha("vm-b")),
                Step.delete("a.yaml"),
                Step.delete("b.yaml"))));
    out.add(
        Arguments.of(
            "two NVMe exports on one port created together",
            List.of(new Step(twoOnAlpha(), false))));
    return out.stream();
  }

  private static String mirrored(String size, String access) {
    return Cluster.templateAndVolume("pg", "drbd, luks, storage", "thick", 2, size, access)
        .replace("pools: [thick]", "pools: [thick], nodes: [alpha, beta]")
        .replace("  placement:", "  drbd: {autoTiebreaker: false}\n  placement:")
        .replace("access: [", "deletionPolicy: Delete, access: [");
  }

  private static String onAlpha(String name) {
    return Cluster.templateAndVolume(name, "nvme, storage", "thick", 1, "4 GiB", "beta")
        .replace("pools: [thick]", "pools: [thick], nodes: [alpha]")
        .replace("access: [", "deletionPolicy: Delete, access: [");
  }

  private static Map<String, String> twoOnAlpha() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("a.yaml", onAlpha("vm-a"));
    m.put("b.yaml", onAlpha("vm-b"));
    return m;
  }

  private static String exported(String size, String access) {
    return Cluster.templateAndVolume("vm", "nvme, storage", "thick", 1, size, access)
        .replace("access: [", "deletionPolicy: Delete, access: [");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engineScenarios")
  void everyEngineScenarioRunsItsSavedPlanExactly(String name, List<Step> steps) throws Exception {
    Cluster c = new Cluster(tmp).write("cluster.yaml", Cluster.NODES_AND_POOLS);
    try (Engine e = Engine.open(c.config(1.0), KEYS)) {
      for (Step s : steps) {
        for (Map.Entry<String, String> f : s.files().entrySet()) {
          if (f.getValue() == null) {
            Files.delete(c.manifests.resolve(f.getKey()));
          } else {
            c.write(f.getKey(), f.getValue());
          }
        }
        convergeThroughSavedPlans(e, s.prune());
      }
    }
  }

  @Test
  void theSmallExampleRunsItsSavedPlanExactly() throws IOException {
    Path example = EmbeddedExamples.unpackSmall(tmp.resolve("small"));
    try (Engine e = Engine.open(ConfigLoader.load(example.resolve("strata.yaml")), KEYS)) {
      e.simulation().cluster().setLatency(Duration.ZERO);
      convergeThroughSavedPlans(e, false);
    }
  }

  /**
   * Plans, saves the plan as JSON, reads it back and applies it, checking the command log against
   * the file, until the plan is empty (make-before-break takes several rounds); no data lost, no
   * command timed out. Returns the number of plans applied.
   */
  static int convergeThroughSavedPlans(Engine e, boolean prune) {
    SimulatedCluster cluster = e.simulation().cluster();
    long start = lastSeq(cluster);
    int rounds;
    for (int round = 1; ; round++) {
      Engine.Desired d = e.desired(null, null);
      Plan planned = e.planFor(d, false, prune).plan();
      assertEquals(List.of(), planned.refused(), "round " + round);
      if (planned.isEmpty()) {
        rounds = round - 1;
        break;
      }
      assertTrue(round <= 5, "converges within 5 rounds");
      String json = PlanFormats.json(planned, e.preview());
      Plan saved = PlanFormats.read(json, Path.of("p.json"));
      long before = lastSeq(cluster);
      Engine.Applied applied = e.apply(saved, d);
      assertEquals(List.of(), applied.failures(), "round " + round);
      List<String> log =
          cluster.commandLog().stream()
              .filter(r -> r.seq() > before)
              .map(SimulatedCluster::jsonLine)
              .toList();
      int matched = PlanVersusLog.check(json, log);
      assertTrue(matched > 0, "round " + round + " ran mutating commands");
    }
    // a timed-out command is a device hanging (an initiator left connected to a removed export)
    assertEquals(
        List.of(),
        cluster.commandLog().stream()
            .filter(r -> r.seq() > start && r.exitCode() == -1)
            .map(SimulatedCluster::jsonLine)
            .toList());
    assertEquals(List.of(), e.simulation().dataLoss());
    return rounds;
  }

  private static long lastSeq(SimulatedCluster cluster) {
    List<CommandRecord> log = cluster.commandLog();
    return log.isEmpty() ? 0 : log.get(log.size() - 1).seq();
  }
}
