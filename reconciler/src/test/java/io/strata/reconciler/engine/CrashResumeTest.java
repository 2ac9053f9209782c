package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.plan.Plan;
import io.strata.reconciler.config.ConfigLoader;
import io.strata.reconciler.config.StrataConfig;
import io.strata.simulator.Faults;
import io.strata.simulator.SimulatedCrash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process dies after every single mutating operation of an apply in turn (one change at a time,
 * so the n-th operation is always the same), and a new engine — a restarted process on the same
 * persistent simulation, alternately with the same config folder and with a fresh one as another
 * reconciler host would have — converges with zero data-loss events. What carries an unfinished
 * initialization across the crash is the initialization marker on the storage itself
 * (docs/decisions/005): without it, a crash between lvcreate and create-md, or before the initial
 * sync, never converges.
 */
class CrashResumeTest {
  @TempDir Path tmp;

  @Test
  void aCrashAfterAnyOperationIsResumedByTheNextApply() {
    int crashes = 0;
    String firstRun = "";
    for (int n = 1; n < 400; n++) {
      Cluster c = cluster(tmp.resolve("crash-" + n));
      try (Engine first = engine(c)) {
        Engine.Desired d = first.desired(null, null);
        Engine.Applied applied = applyUntilCrash(first, d, n);
        firstRun = applied == null ? "crashed" : String.valueOf(applied.report().changes());
        if (applied != null && applied.failures().isEmpty() && applied.remaining().isEmpty()) {
          break; // n is past the last operation: every crash point was tried
        }
        crashes++;
      }
      try (Engine second = n % 2 == 0 ? engine(c) : otherHost(c, tmp.resolve("host-b-" + n))) {
        Engine.Desired d = second.desired(null, null);
        Engine.Applied applied = second.apply(second.planFor(d, false, false).plan(), d);
        assertEquals(List.of(), applied.failures(), "n=" + n);
        assertEquals(List.of(), applied.remaining(), "n=" + n + ": second plan must be empty");
        String at = "n=" + n;
        String fr = firstRun;
        assertTrue(
            second.drift(d).items().isEmpty(),
            () ->
                at
                    + ": "
                    + second.drift(d).items()
                    + "\nfirst run "
                    + fr
                    + "\nsecond run "
                    + applied.report().changes()
                    + "\n"
                    + second.observe(d.state()).state().nodes().values().stream()
                        .map(ns -> ns.node() + " " + ns.drbdResources() + " " + ns.logicalVolumes())
                        .toList());
        assertEquals(List.of(), second.simulation().dataLoss(), "n=" + n);
      }
    }
    assertTrue(crashes > 20, "only " + crashes + " crash points");
  }

  @Test
  void withoutCrashNoStorageKeepsTheInitializationMarker() {
    Cluster c = cluster(tmp);
    try (Engine e = engine(c)) {
      Engine.Desired d = e.desired(null, null);
      e.apply(e.planFor(d, false, false).plan(), d);
      assertEquals(List.of(), marked(e, d), "no storage keeps the initialization marker");
    }
  }

  @Test
  void aCrashLeavesTheMarkerOnTheNodesAndTheNextPlanResumes() {
    Cluster c = cluster(tmp);
    try (Engine e = engine(c)) {
      Engine.Desired d = e.desired(null, null);
      assertEquals(null, applyUntilCrash(e, d, 3)); // after the first lvcreate, before create-md
      assertEquals(List.of("alpha: vg0/mirror_00000"), marked(e, d));
    }
    try (Engine other = otherHost(c, tmp.resolve("host-b"))) {
      Engine.Desired d = other.desired(null, null);
      Plan resumed = other.planFor(d, false, false).plan();
      assertTrue(
          resumed.changes().stream()
              .anyMatch(ch -> ch.reason().startsWith("initialization was interrupted")),
          resumed.changes().toString());
      assertEquals(List.of(), resumed.refused());
    }
  }

  /** {@code node: vg/lv} (or {@code pool/zvol}) of every storage object carrying the marker. */
  private static List<String> marked(Engine e, Engine.Desired d) {
    List<String> out = new ArrayList<>();
    for (var n : e.observe(d.state()).state().nodes().values()) {
      n.logicalVolumes().stream()
          .filter(lv -> lv.initMarker())
          .forEach(lv -> out.add(n.node() + ": " + lv.vg() + "/" + lv.name()));
      n.zvols().stream()
          .filter(z -> z.initMarker())
          .forEach(z -> out.add(n.node() + ": " + z.dataset()));
    }
    return out.stream().sorted().toList();
  }

  /** Applies; null when the simulated crash propagated out of the runner. */
  private static Engine.Applied applyUntilCrash(Engine e, Engine.Desired d, int n) {
    Plan plan = e.planFor(d, false, false).plan();
    e.simulation().cluster().faults().crashAfter(n, Faults.CrashPoint.AFTER);
    try {
      return e.apply(plan, d);
    } catch (SimulatedCrash crashed) {
      return null;
    }
  }

  private static Cluster cluster(Path root) {
    return new Cluster(root)
        .write("cluster.yaml", Cluster.NODES_AND_POOLS)
        .write(
            "mirror.yaml",
            Cluster.templateAndVolume("mirror", "drbd, storage", "thick", 2, "4 GiB", "gamma"))
        .write(
            "sealed.yaml",
            Cluster.templateAndVolume("sealed", "drbd, luks, storage", "zfs", 2, "2 GiB", ""));
  }

  /** One change at a time, so that the n-th operation is the same in every run. */
  private static Engine engine(Cluster c) {
    return engine(c.root, c.root);
  }

  /**
   * A reconciler on another host: its own, fresh config folder; the same manifests, nodes (the
   * persistent simulation) and cluster key (configuration an operator gives every instance).
   */
  private static Engine otherHost(Cluster c, Path home) {
    try {
      Files.createDirectories(home);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return engine(c.root, home);
  }

  private static Engine engine(Path shared, Path home) {
    StrataConfig serial =
        ConfigLoader.parse(
            "strata.yaml",
            """
            git: {url: %1$s, path: manifests}
            secrets: {clusterKeyRef: file:%1$s/cluster.key}
            reconcile: {parallelism: {perNode: 1, total: 1}}
            simulation:
              stateDir: %1$s/sim
              nodes:
                alpha: {volumeGroups: {vg0: 100GiB}, thinPools: {vg0/thin: 80GiB}, zpools: {tank: 200GiB}}
                beta: {volumeGroups: {vg0: 100GiB}, thinPools: {vg0/thin: 80GiB}, zpools: {tank: 200GiB}}
                gamma: {volumeGroups: {vg0: 100GiB}, thinPools: {vg0/thin: 80GiB}, zpools: {tank: 200GiB}}
            """
                .formatted(shared.toAbsolutePath()),
            home);
    return Engine.open(serial, Map.of("TEST_LUKS_KEY", "correct horse battery staple"));
  }
}
