package io.strata.reconciler.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Result;
import io.strata.planner.observed.ObservedState;
import io.strata.reconciler.alert.RecordingHttpSink;
import io.strata.reconciler.cli.Main;
import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.daemon.Daemon;
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

/**
 * Capacity that warns before it hurts (decision 013), end to end on the persistent simulated
 * cluster under a running daemon with the real engine: {@code /metrics} carries the pools' capacity
 * and the replicas' states under LINSTOR's names, {@code strata status --format json} the same
 * numbers, and a pool filled past {@code alerts.capacityThreshold} by hand fires a {@code
 * StrataPoolCapacity} alert that resolves once space is freed.
 */
class CapacityIntegrationTest {
  private static final Duration CONVERGE = Duration.ofSeconds(60);

  @TempDir Path tmp;

  private static void byHand(SimulatedCluster sim, String node, String... argv) {
    Result r = sim.host(node).run(List.of(argv), new byte[0], Duration.ofSeconds(10));
    assertEquals(0, r.exitCode(), String.join(" ", argv) + ": " + r.err());
  }

  private static String strata(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    assertEquals(0, code, err.toString());
    return out.toString();
  }

  @Test
  void aPoolPastTheThresholdAlertsAndResolvesAndMetricsShowIt() throws Exception {
    try (RecordingHttpSink sink = new RecordingHttpSink()) {
      // vg0 is 100 GiB with an 80 GiB thin pool in it: the thick pool starts 80 % used
      SimRepo repo =
          new SimRepo(
              tmp,
              "",
              "alerts:\n  capacityThreshold: 85%\n  sinks:\n"
                  + "    - {type: alertmanager, url: '"
                  + sink.uri()
                  + "'}\n",
              "0s");
      String c1 =
          repo.git.commitAndPush(
              "a mirrored volume",
              "manifests/cluster.yaml",
              repo.cluster(),
              "manifests/volumes/m.yaml",
              SimRepo.volume("m", "mirrored", "2 GiB"));
      StrataConfig cfg = repo.load();
      assertEquals(0.85, cfg.capacityThreshold());
      try (Engine engine = Engine.open(cfg);
          Daemon<DesiredState, ObservedState> daemon =
              new Daemon<>(cfg, new EngineCycleSteps(engine), Daemon.Options.defaults(cfg))) {
        daemon.start();
        SimRepo.await(
            () -> repo.ready(c1, List.of("m")),
            CONVERGE,
            () -> "m Ready\n" + repo.status("status/reconciler.yaml"));
        SimRepo.await(
            () -> scrape(daemon).contains("strata_volume_state{disk_state=\"UpToDate\""),
            CONVERGE,
            () -> "replica states in /metrics:\n" + scrape(daemon));
        String metrics = scrape(daemon);
        String alphaThick =
            "{backing_pool=\"vg0\",driver=\"lvm\",node=\"alpha\",storage_pool=\"thick\"}";
        assertTrue(
            metrics.contains(
                "strata_storage_pool_capacity_total_bytes" + alphaThick + " 1.073741824E11"),
            metrics);
        assertTrue(
            metrics.contains("strata_storage_pool_capacity_free_bytes" + alphaThick), metrics);
        assertTrue(metrics.contains("strata_storage_pool_overcommit_ratio{"), metrics);
        assertTrue(metrics.contains("strata_resource_state{name=\"m\""), metrics);
        assertFalse(sink.received("StrataPoolCapacity"), "nothing past 85 % yet");

        // status shows the same free bytes as /metrics
        String status =
            strata(
                "status",
                "--config",
                repo.config.toString(),
                "--repo",
                repo.git.work().toString(),
                "--format",
                "json");
        double free = daemon.metrics().poolFree("alpha", "thick", "lvm", "vg0");
        assertTrue(status.contains("\"freeBytes\" : " + (long) free), status);

        // an administrator fills alpha's volume group by hand: 80 % + 2 GiB + 5 GiB > 85 %
        SimulatedCluster sim = repo.sim();
        byHand(sim, "alpha", "lvcreate", "-L", "5g", "-n", "filler", "vg0");
        daemon.requestDriftCheck();
        SimRepo.await(
            () ->
                sink.received(
                    "\"status\":\"firing\"", "capacity/alpha/thick", "StrataPoolCapacity"),
            CONVERGE,
            () -> "capacity alert firing: " + sink.bodies());
        assertFalse(sink.received("capacity/beta/thick"), "beta is below the threshold");

        byHand(sim, "alpha", "lvremove", "-y", "vg0/filler");
        daemon.requestDriftCheck();
        SimRepo.await(
            () -> sink.received("\"status\":\"resolved\"", "capacity/alpha/thick"),
            CONVERGE,
            () -> "capacity alert resolved: " + sink.bodies());
        assertEquals(List.of(), sim.dataLossEvents());
      }
    }
  }

  private static String scrape(Daemon<?, ?> daemon) {
    return new String(daemon.metrics().scrape(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
