package io.strata.reconciler.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Result;
import io.strata.planner.json.JsonText;
import io.strata.planner.naming.Names;
import io.strata.planner.observed.ObservedState;
import io.strata.reconciler.alert.RecordingHttpSink;
import io.strata.reconciler.cli.Main;
import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.daemon.Daemon;
import io.strata.reconciler.drift.DriftClass;
import io.strata.reconciler.engine.Engine;
import io.strata.reconciler.engine.EngineCycleSteps;
import io.strata.schema.model.DesiredState;
import io.strata.simulator.SimulatedCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Drift caused by hand ({@code cryptsetup close}, {@code lvextend}, {@code drbdadm down}) on the
 * persistent simulated cluster under a running daemon with the real engine: each is told on an
 * Alertmanager sink with its class, healed or not as {@code heal} says, and {@code strata drift}
 * reports it with exit code 2.
 */
class DriftByHandIntegrationTest {
  private static final Duration CONVERGE = Duration.ofSeconds(60);

  @TempDir Path tmp;

  /** A LUKS-only volume {@code e} pinned to alpha, and a plain volume {@code p} pinned to beta. */
  private static String volumes(SimRepo repo) {
    return """
    apiVersion: strata.io/v1
    kind: ResourceTemplate
    metadata: {name: enc}
    spec:
      layers: [luks, storage]
      luks: {passphraseRef: file:KEY}
      placement: {redundancy: 1, pools: [thick], nodes: [alpha]}
    ---
    apiVersion: strata.io/v1
    kind: ResourceTemplate
    metadata: {name: thick1}
    spec: {layers: [storage], placement: {redundancy: 1, pools: [thick], nodes: [beta]}}
    ---
    apiVersion: strata.io/v1
    kind: Volume
    metadata: {name: e}
    spec: {size: 2 GiB, template: enc}
    ---
    apiVersion: strata.io/v1
    kind: Volume
    metadata: {name: p}
    spec: {size: 2 GiB, template: thick1}
    """
        .replace("file:KEY", "file:" + repo.root.resolve("luks.key"));
  }

  private static void byHand(SimulatedCluster sim, String node, String... argv) {
    Result r = sim.host(node).run(List.of(argv), new byte[0], Duration.ofSeconds(10));
    assertEquals(0, r.exitCode(), String.join(" ", argv) + ": " + r.err());
  }

  /** The first node (by name) that holds the volume's storage. */
  private static String firstDiskful(SimulatedCluster sim, String volume) {
    for (String node : List.of("alpha", "beta", "gamma")) {
      Result lvs = sim.host(node).run(List.of("lvs"), new byte[0], Duration.ofSeconds(10));
      if (lvs.out().contains(Names.storageName(volume))) {
        return node;
      }
    }
    throw new AssertionError("no replica of " + volume);
  }

  private record Run(int code, String out, String err) {}

  private static Run strata(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  private static Run drift(SimRepo repo) {
    return strata(
        "drift",
        "--config",
        repo.config.toString(),
        "--repo",
        repo.git.work().toString(),
        "--format",
        "json");
  }

  @Test
  void healSafeTellsWhatThePollCycleHealsAndWhatItCannot() throws Exception {
    try (RecordingHttpSink sink = new RecordingHttpSink()) {
      SimRepo repo = new SimRepo(tmp, "", sink.alertsYaml(), "0s");
      String c1 =
          repo.git.commitAndPush(
              "two volumes",
              "manifests/cluster.yaml",
              repo.cluster(),
              "manifests/volumes.yaml",
              volumes(repo));
      StrataConfig cfg = repo.load();
      try (Engine engine = Engine.open(cfg);
          Daemon<DesiredState, ObservedState> daemon =
              new Daemon<>(cfg, new EngineCycleSteps(engine), Daemon.Options.defaults(cfg))) {
        daemon.start();
        SimRepo.await(
            () -> repo.ready(c1, List.of("e", "p")),
            CONVERGE,
            () -> "e, p Ready\n" + repo.status("status/reconciler.yaml"));
        assertEquals(0, drift(repo).code(), () -> "in sync: " + drift(repo));

        SimulatedCluster sim = repo.sim();
        byHand(sim, "alpha", "cryptsetup", "close", Names.luksMapping("e"));
        byHand(sim, "beta", "lvextend", "-L", "+1g", "vg0/" + Names.storageName("p"));
        Run found = drift(repo);
        assertEquals(2, found.code(), found.err());
        JsonNode doc = JsonText.parse(found.out(), "drift json");
        assertEquals("strata.drift/v1", doc.get("apiVersion").asString());
        assertEquals(1, doc.get("summary").get("resized").asInt(), found.out());
        assertEquals("missing", doc.get("items").get(0).get("class").asString(), found.out());
        assertTrue(found.out().contains("drift/e/alpha/luks/missing"), found.out());
        assertTrue(found.out().contains("drift/p/beta/storage/resized"), found.out());

        // the poll cycle (not the drift job) heals the closed mapping and still tells
        daemon.requestCycle();
        SimRepo.await(
            () ->
                sink.received("\"status\":\"firing\"", "drift/e/alpha/luks/missing")
                    && sink.received("\"status\":\"resolved\"", "drift/e/alpha/luks/missing")
                    && sink.received("\"status\":\"firing\"", "drift/p/beta/storage/resized"),
            CONVERGE,
            () -> "firing and resolved alerts: " + sink.bodies());
        assertFalse(
            sink.received("\"status\":\"resolved\"", "drift/p/beta/storage/resized"),
            "a resized LV is never shrunk, so it stays drifted");
        assertTrue(daemon.metrics().heals(DriftClass.MISSING) >= 1);
        String metrics = new String(daemon.metrics().scrape());
        assertTrue(metrics.contains("strata_drifted_objects{class=\"resized\"} 1.0"), metrics);
        Result status =
            sim.host("alpha")
                .run(
                    List.of("cryptsetup", "status", Names.luksMapping("e")),
                    new byte[0],
                    Duration.ofSeconds(10));
        assertEquals(0, status.exitCode(), "re-opened: " + status.err());
        Run after = drift(repo);
        assertEquals(2, after.code());
        assertFalse(after.out().contains("luks/missing"), after.out());
        assertEquals(List.of(), sim.dataLossEvents());
      }
    }
  }

  @Test
  void healNoneAlertsAndLeavesTheDriftForTheOperator() throws Exception {
    try (RecordingHttpSink sink = new RecordingHttpSink()) {
      SimRepo repo = new SimRepo(tmp, "  heal: none\n", sink.alertsYaml(), "0s");
      String c1 =
          repo.git.commitAndPush(
              "a mirrored volume",
              "manifests/cluster.yaml",
              repo.cluster(),
              "manifests/volumes/m.yaml",
              SimRepo.volume("m", "mirrored", "2 GiB"));
      StrataConfig cfg = repo.load();
      try (Engine engine = Engine.open(cfg);
          Daemon<DesiredState, ObservedState> daemon =
              new Daemon<>(cfg, new EngineCycleSteps(engine), Daemon.Options.defaults(cfg))) {
        daemon.start();
        SimRepo.await(
            () -> repo.ready(c1, List.of("m")),
            CONVERGE,
            () -> "m Ready\n" + repo.status("status/reconciler.yaml"));
        SimulatedCluster sim = repo.sim();
        String node = firstDiskful(sim, "m");
        byHand(sim, node, "drbdadm", "down", Names.drbdResource("m"));

        daemon.requestDriftCheck();
        String key = "drift/m/" + node + "/drbd/degraded";
        SimRepo.await(
            () -> sink.received("\"status\":\"firing\"", key, "\"class\":\"degraded\""),
            CONVERGE,
            () -> "firing " + key + ": " + sink.bodies());
        long checks = daemon.driftChecksCompleted();
        daemon.requestCycle();
        SimRepo.await(() -> daemon.cyclesCompleted() >= 2, CONVERGE, () -> "a second cycle");
        Result status =
            sim.host(node)
                .run(
                    List.of("drbdadm", "status", Names.drbdResource("m")),
                    new byte[0],
                    Duration.ofSeconds(10));
        assertFalse(status.exitCode() == 0, "heal: none leaves it down: " + status.out());
        assertFalse(sink.received("\"status\":\"resolved\"", key), sink.bodies().toString());
        Run found = drift(repo);
        assertEquals(2, found.code(), found.err());
        assertTrue(found.out().contains(key), found.out());
        assertTrue(checks >= 1);
        assertEquals(List.of(), sim.dataLossEvents());
      }
    }
  }
}
