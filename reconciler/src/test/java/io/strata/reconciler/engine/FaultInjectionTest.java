package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.fail;

import io.strata.executors.host.Result;
import io.strata.planner.plan.Plan;
import io.strata.reconciler.config.ConfigLoader;
import io.strata.reconciler.config.StrataConfig;
import io.strata.simulator.Faults;
import io.strata.simulator.SimulatedCrash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fault injection on the simulated cluster (issue 12): random repositories that grow, add,
 * delete (policy Delete, prune) and change access, with faults between and during applies — the
 * reconciler killed after a random mutating command and restarted (alternately on another host),
 * commands failing transiently, DRBD resources taken down and LUKS mappings closed by hand, nodes
 * rebooted (LVs inactive, mappings closed, DRBD down, NVMe exports and connections gone). After
 * every step the next reconciler converges: its plan is empty with no refusal, drift is empty, and
 * the simulated cluster recorded zero data-loss events.
 *
 * <p>{@code mvn -B verify} runs {@value #DEFAULT_SCENARIOS} fixed seeds. A soak: {@code
 * -Dstrata.faults.scenarios=2000 -Dstrata.faults.firstSeed=1000}. A failing seed prints the one
 * command that replays it ({@code -Dstrata.faults.seed=N}; add {@code -Dstrata.faults.trace} to
 * print every change's outcome).
 */
@Tag("faults")
class FaultInjectionTest {
  static final int DEFAULT_SCENARIOS = 8;
  private static final String KEY = "correct horse battery staple";
  private static final List<String> STACKS =
      List.of(
          "storage",
          "drbd, storage",
          "drbd, luks, storage",
          "nvme, storage",
          "nvme, luks, storage");
  private static final List<String> POOLS = List.of("thick", "thin", "zfs", "zthin");
  private static final List<String> NODES = List.of("alpha", "beta", "gamma");

  @TempDir Path tmp;

  /** One volume of the random repository. */
  record Vol(String name, String stack, String pool, int redundancy, int gib, String access) {
    String yaml() {
      return Cluster.templateAndVolume(name, stack, pool, redundancy, gib + " GiB", access)
          .replace(", access: [", ", deletionPolicy: Delete, access: [");
    }

    Vol grown(int more) {
      return new Vol(name, stack, pool, redundancy, gib + more, access);
    }

    Vol withAccess(String a) {
      return new Vol(name, stack, pool, redundancy, gib, a);
    }
  }

  @Test
  void randomScenariosConvergeWithoutDataLoss() {
    String one = System.getProperty("strata.faults.seed");
    if (one != null) {
      scenario(Long.parseLong(one));
      return;
    }
    long first = Long.getLong("strata.faults.firstSeed", 1);
    int n = Integer.getInteger("strata.faults.scenarios", DEFAULT_SCENARIOS);
    for (long seed = first; seed < first + n; seed++) {
      scenario(seed);
    }
    if (n >= DEFAULT_SCENARIOS) {
      org.junit.jupiter.api.Assertions.assertTrue(
          reboots > 0, "no node rebooted in " + n + " scenarios: the reboot fault went untested");
    }
  }

  /** Reboots injected so far (the default seeds must include some). */
  private int reboots;

  private void scenario(long seed) {
    Random r = new Random(seed);
    Path root = tmp.resolve("seed-" + seed);
    Cluster c = new Cluster(root).write("cluster.yaml", Cluster.NODES_AND_POOLS);
    Map<String, Vol> vols = new TreeMap<>();
    List<String> log = new ArrayList<>();
    int next = 0;
    for (int i = 1 + r.nextInt(3); i > 0; i--) {
      Vol v = randomVolume("v" + next++, r);
      vols.put(v.name(), v);
      c.write(v.name() + ".yaml", v.yaml());
      log.add("add " + v);
    }
    int steps = 2 + r.nextInt(3);
    for (int step = 0; step <= steps; step++) {
      if (step > 0) {
        next = mutate(c, r, vols, log, next);
      }
      applyWithFaults(c, r, log, seed, step);
      convergeAndCheck(c, seed, step, log);
    }
  }

  private static Vol randomVolume(String name, Random r) {
    String stack = STACKS.get(r.nextInt(STACKS.size()));
    String pool = POOLS.get(r.nextInt(POOLS.size()));
    boolean drbd = stack.startsWith("drbd");
    boolean nvme = stack.startsWith("nvme");
    int redundancy = drbd ? 2 + r.nextInt(2) : 1;
    String access = drbd || nvme ? (r.nextBoolean() ? NODES.get(r.nextInt(NODES.size())) : "") : "";
    return new Vol(name, stack, pool, redundancy, 1 + r.nextInt(4), access);
  }

  /** One change of the repository, or one out-of-band change on the nodes. */
  private int mutate(Cluster c, Random r, Map<String, Vol> vols, List<String> log, int next) {
    List<String> names = new ArrayList<>(vols.keySet());
    int what = names.isEmpty() ? 0 : r.nextInt(6);
    switch (what) {
      case 0 -> {
        Vol v = randomVolume("v" + next++, r);
        vols.put(v.name(), v);
        c.write(v.name() + ".yaml", v.yaml());
        log.add("add " + v);
      }
      case 1 -> {
        Vol v = vols.get(names.get(r.nextInt(names.size()))).grown(1 + r.nextInt(3));
        vols.put(v.name(), v);
        c.write(v.name() + ".yaml", v.yaml());
        log.add("grow " + v.name() + " to " + v.gib() + " GiB");
      }
      case 2 -> {
        String name = names.get(r.nextInt(names.size()));
        vols.remove(name);
        try {
          Files.delete(c.manifests.resolve(name + ".yaml"));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        log.add("delete " + name);
      }
      case 3 -> {
        Vol v = vols.get(names.get(r.nextInt(names.size())));
        if (v.stack().startsWith("drbd") || v.stack().startsWith("nvme")) {
          String a = v.access().isEmpty() ? NODES.get(r.nextInt(NODES.size())) : "";
          vols.put(v.name(), v.withAccess(a));
          c.write(v.name() + ".yaml", v.withAccess(a).yaml());
          log.add("access of " + v.name() + " → [" + a + "]");
        }
      }
      default -> outOfBand(c, r, vols.get(names.get(r.nextInt(names.size()))), log);
    }
    return next;
  }

  /**
   * What an operator does by hand on one node, or a node's reboot (every runtime object dropped):
   * healed by the next apply.
   */
  private void outOfBand(Cluster c, Random r, Vol v, List<String> log) {
    try (Engine e = engine(c, c.root)) {
      if (r.nextBoolean()) {
        String node = NODES.get(r.nextInt(NODES.size()));
        log.add("reboot: " + e.simulation().reboot(node));
        reboots++;
        return;
      }
      for (String node : NODES) {
        List<String> argv =
            v.stack().contains("drbd")
                ? List.of("drbdadm", "down", v.name())
                : v.stack().contains("luks")
                    ? List.of("cryptsetup", "close", "strata-" + v.name())
                    : null;
        if (argv == null) {
          return;
        }
        Result res =
            e.simulation().cluster().host(node).run(argv, new byte[0], Duration.ofSeconds(10));
        if (res.exitCode() == 0) {
          log.add("by hand on " + node + ": " + String.join(" ", argv));
          return;
        }
      }
    }
  }

  /** Applies the current repository with a fault: a crash after a random command, or a failure. */
  private void applyWithFaults(Cluster c, Random r, List<String> log, long seed, int step) {
    try (Engine e = engine(c, c.root)) {
      Engine.Desired d = e.desired(null, null);
      Plan plan = e.planFor(d, false, true).plan();
      Faults faults = e.simulation().cluster().faults();
      int fault = r.nextInt(3);
      if (fault == 0 && !plan.isEmpty()) {
        int after = 1 + r.nextInt(12);
        faults.crashAfter(after, Faults.CrashPoint.AFTER);
        log.add("step " + step + ": crash after mutating command " + after);
      } else if (fault == 1) {
        List<String> prefix =
            List.of(List.of("lvcreate"), List.of("zfs", "create"), List.of("drbdadm", "up"))
                .get(r.nextInt(3));
        faults.failOnce(prefix, 5, "simulated transient failure\n");
        log.add("step " + step + ": " + prefix + " fails once");
      }
      try {
        trace(e.apply(plan, d));
      } catch (SimulatedCrash crashed) {
        log.add("step " + step + ": crashed");
      }
    }
  }

  /** A new reconciler (alternately on another host) converges; the invariants hold. */
  private void convergeAndCheck(Cluster c, long seed, int step, List<String> log) {
    Path home = step % 2 == 0 ? c.root : c.root.resolve("host-b");
    try (Engine e = engine(c, home)) {
      Engine.Desired d = e.desired(null, null);
      Plan plan = e.planFor(d, false, true).plan();
      for (int round = 0; round < 3 && !plan.isEmpty(); round++) {
        trace(e.apply(plan, d));
        plan = e.planFor(d, false, true).plan();
      }
      List<String> broken = new ArrayList<>();
      if (!plan.isEmpty() || !plan.refused().isEmpty()) {
        broken.add("not converged: " + plan.changes() + " refused " + plan.refused());
      }
      var drift = e.drift(d).items();
      if (!drift.isEmpty()) {
        broken.add("drift after convergence: " + drift);
      }
      if (!e.simulation().dataLoss().isEmpty()) {
        broken.add("data loss: " + e.simulation().dataLoss());
      }
      if (!broken.isEmpty()) {
        fail(
            "seed "
                + seed
                + ", step "
                + step
                + ": "
                + String.join("; ", broken)
                + "\nscenario:\n  "
                + String.join("\n  ", log)
                + "\nreplay: mvn -B -pl reconciler -am test -Dtest=FaultInjectionTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dstrata.faults.seed="
                + seed);
      }
    }
  }

  /** With {@code -Dstrata.faults.trace}: every change's outcome, to follow a replayed seed. */
  private static void trace(Engine.Applied applied) {
    if (System.getProperty("strata.faults.trace") != null) {
      applied.report().changes().forEach(r -> System.err.println("  " + r));
    }
  }

  /** One change at a time (the n-th command is the same in every run); no blast-radius guard. */
  private static Engine engine(Cluster c, Path home) {
    try {
      Files.createDirectories(home);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StrataConfig cfg =
        ConfigLoader.parse(
            "strata.yaml",
            """
            git: {url: %1$s, path: manifests}
            secrets: {clusterKeyRef: file:%1$s/cluster.key}
            reconcile: {parallelism: {perNode: 1, total: 1}, maxDestroyFraction: 1.0}
            simulation:
              stateDir: %1$s/sim
              nodes:
                alpha: {volumeGroups: {vg0: 100GiB}, thinPools: {vg0/thin: 80GiB}, zpools: {tank: 200GiB}}
                beta: {volumeGroups: {vg0: 100GiB}, thinPools: {vg0/thin: 80GiB}, zpools: {tank: 200GiB}}
                gamma: {volumeGroups: {vg0: 100GiB}, thinPools: {vg0/thin: 80GiB}, zpools: {tank: 200GiB}}
            """
                .formatted(c.root.toAbsolutePath()),
            home);
    return Engine.open(cfg, Map.of("TEST_LUKS_KEY", KEY));
  }
}
