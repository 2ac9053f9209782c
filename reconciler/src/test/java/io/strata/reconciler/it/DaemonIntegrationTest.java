package io.strata.reconciler.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Result;
import io.strata.planner.observed.ObservedState;
import io.strata.reconciler.alert.RecordingHttpSink;
import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.daemon.Daemon;
import io.strata.reconciler.engine.Engine;
import io.strata.reconciler.engine.EngineCycleSteps;
import io.strata.schema.model.DesiredState;
import io.strata.simulator.SimulatedCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's done-when scenario (issue 5) with the real engine: a bare repository pushed to with
 * the {@code git} CLI, the persistent simulated cluster, HTTP endpoints on 127.0.0.1 and an
 * Alertmanager sink that records what it receives.
 */
class DaemonIntegrationTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration CONVERGE = Duration.ofSeconds(30);

  @TempDir Path tmp;

  @Test
  void syncsPushesRejectsInvalidCommitsHealsDriftAndAlerts() throws Exception {
    try (RecordingHttpSink sink = new RecordingHttpSink()) {
      SimRepo repo = new SimRepo(tmp, "", sink.alertsYaml(), "0s");
      String c1 =
          repo.git.commitAndPush(
              "cluster and two volumes",
              "manifests/cluster.yaml",
              repo.cluster(),
              "manifests/volumes/a.yaml",
              SimRepo.volume("a", "mirrored", "4 GiB"),
              "manifests/volumes/b.yaml",
              SimRepo.volume("b", "plain", "2 GiB"));
      StrataConfig cfg = repo.load();
      try (Engine engine = Engine.open(cfg);
          Daemon<DesiredState, ObservedState> daemon =
              new Daemon<>(cfg, new EngineCycleSteps(engine), Daemon.Options.defaults(cfg))) {
        daemon.start();

        // First sync: every volume Ready on the status branch.
        SimRepo.await(
            () -> repo.ready(c1, List.of("a", "b")),
            CONVERGE,
            () -> "a, b Ready at " + c1 + "\n" + repo.status("status/reconciler.yaml"));
        assertTrue(repo.status("status/nodes/alpha.yaml").contains("reachable: true"));

        // A volume pushed later converges after the webhook.
        String c2 =
            repo.git.commitAndPush(
                "sealed volume c",
                "manifests/volumes/c.yaml",
                SimRepo.volume("c", "sealed", "3 GiB"));
        HttpResponse<String> hook =
            post(daemon, "/hooks/git", "{\"ref\":\"refs/heads/main\",\"after\":\"" + c2 + "\"}");
        assertEquals(202, hook.statusCode(), hook.body());
        SimRepo.await(
            () -> repo.ready(c2, List.of("a", "b", "c")),
            CONVERGE,
            () -> "a, b, c Ready at " + c2 + "\n" + repo.status("status/volumes/c.yaml"));

        // An invalid commit (a typo field) is reported and changes nothing on the cluster.
        String observedBefore = repo.status("status/observed.json");
        String bad =
            repo.git.commitAndPush(
                "typo",
                "manifests/volumes/d.yaml",
                SimRepo.volume("d", "plain", "1 GiB").replace("size:", "sise:"));
        assertEquals(202, post(daemon, "/hooks/git", "{\"ref\":\"refs/heads/main\"}").statusCode());
        SimRepo.await(
            () -> {
              String rec = repo.status("status/reconciler.yaml");
              return rec != null && rec.contains("commit " + bad + " not applied");
            },
            CONVERGE,
            () -> "invalid commit reported\n" + repo.status("status/reconciler.yaml"));
        String rec = repo.status("status/reconciler.yaml");
        assertTrue(rec.contains("reason: InvalidCommit"), rec);
        assertTrue(rec.contains("volumes/d.yaml"), rec);
        assertTrue(rec.contains("sise"), rec);
        assertTrue(rec.contains("lastAttemptedCommit: " + bad), rec);
        assertEquals(c2, daemon.lastGoodCommit());
        assertEquals(observedBefore, repo.status("status/observed.json"));
        assertNotNull(repo.status("status/volumes/c.yaml"));
        assertEquals(null, repo.status("status/volumes/d.yaml"));
        SimulatedCluster other = repo.sim();
        for (String node : List.of("alpha", "beta", "gamma")) {
          Result lvs = other.host(node).run(List.of("lvs"), new byte[0], Duration.ofSeconds(10));
          assertFalse(lvs.out().contains("d_00000"), node + ": " + lvs.out());
        }

        // Out-of-band drbdadm down on one node: firing alert, healed, resolved alert.
        String node = nodeOf(repo.status("status/volumes/a.yaml"));
        Result down =
            other
                .host(node)
                .run(List.of("drbdadm", "down", "a"), new byte[0], Duration.ofSeconds(10));
        assertEquals(0, down.exitCode(), down.err());
        daemon.requestDriftCheck();
        List<String> alerts = sink.await(2, 30_000);
        assertTrue(alerts.size() >= 2, "alerts: " + alerts);
        assertTrue(alerts.get(0).contains("\"status\":\"firing\""), alerts.get(0));
        assertTrue(alerts.get(0).contains("a/" + node), alerts.get(0));
        assertTrue(
            alerts.stream().skip(1).anyMatch(b -> b.contains("\"status\":\"resolved\"")),
            alerts.toString());
        Result status =
            other
                .host(node)
                .run(List.of("drbdadm", "status", "a"), new byte[0], Duration.ofSeconds(10));
        assertEquals(0, status.exitCode(), "healed: " + status.out() + status.err());

        // /metrics and /healthz answer over HTTP.
        HttpResponse<String> metrics = get(daemon, "/metrics");
        assertEquals(200, metrics.statusCode());
        for (String name :
            List.of(
                "strata_cycles_total{result=\"success\"}",
                "strata_cycles_total{result=\"invalid\"}",
                "strata_changes_applied_total{action=\"create\"}",
                "strata_drifted_objects{class=\"degraded\"} 0.0",
                "strata_last_successful_sync_timestamp_seconds")) {
          assertTrue(metrics.body().contains(name), name + "\n" + metrics.body());
        }
        HttpResponse<String> health = get(daemon, "/healthz");
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"status\":\"ok\""), health.body());

        assertEquals(List.of(), other.dataLossEvents());
      }
      assertEquals(List.of(), repo.sim().dataLossEvents());
    }
  }

  /** The first node listed in a volume's status file ({@code node: NAME} lines). */
  private static String nodeOf(String volumeStatus) {
    for (String line : volumeStatus.split("\n")) {
      String l = line.strip();
      if (l.startsWith("- node: ") || l.startsWith("node: ")) {
        return l.substring(l.indexOf("node: ") + 6).strip();
      }
    }
    throw new AssertionError("no node in\n" + volumeStatus);
  }

  private static HttpResponse<String> post(Daemon<?, ?> d, String path, String body)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + d.httpPort() + path))
            .header("X-GitHub-Event", "push")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(Daemon<?, ?> d, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + d.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
