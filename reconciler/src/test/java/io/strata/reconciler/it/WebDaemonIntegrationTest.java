package io.strata.reconciler.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Result;
import io.strata.planner.observed.ObservedState;
import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.daemon.Daemon;
import io.strata.reconciler.engine.Engine;
import io.strata.reconciler.engine.EngineCycleSteps;
import io.strata.reconciler.web.OpenApiContract;
import io.strata.reconciler.web.WebDaemonView;
import io.strata.reconciler.web.XmlPage;
import io.strata.schema.model.DesiredState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The web view on the real daemon and engine over the persistent simulated cluster: after
 * convergence every documented API path answers as the OpenAPI file says and the page lists the
 * volumes; a pushed volume appears; drift caused by hand shows in the drift and alerts documents
 * and on the page; an invalid commit shows with its located errors, escaped. {@code heal: none}
 * keeps the drift in place long enough to be seen.
 */
class WebDaemonIntegrationTest {
  private static final Duration CONVERGE = Duration.ofSeconds(60);

  @TempDir Path tmp;

  @Test
  void pageAndApiFollowTheCluster() throws Exception {
    SimRepo repo = new SimRepo(tmp, "  heal: none\n", "", "0s");
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
            new Daemon<>(
                cfg,
                new EngineCycleSteps(engine),
                Daemon.Options.defaults(cfg),
                new WebDaemonView<>(Clock.systemUTC()))) {
      daemon.start();
      WebView web = new WebView(daemon.httpPort());

      JsonNode status =
          web.await(
              "/api/v1/status",
              s -> WebView.ready(s, c1, List.of("a", "b")),
              CONVERGE,
              "a, b ready at " + c1);
      assertEquals(c1, status.path("repository").path("commitInForce").asString());
      JsonNode a = WebView.volume(status, "a");
      assertEquals("mirrored", a.path("template").asString());
      assertEquals(4L << 30, a.path("sizeBytes").asLong());
      int upToDate = 0;
      for (JsonNode r : a.path("replicas")) {
        upToDate += "UpToDate".equals(r.path("state").asString()) ? 1 : 0;
        assertTrue(r.path("devicePath").asString("").startsWith("/dev/drbd"), r.toString());
      }
      assertEquals(2, upToDate, a.toString());
      assertEquals(3, status.path("nodes").size());
      status.path("nodes").forEach(n -> assertTrue(n.path("reachable").asBoolean(), n.toString()));
      // thick, thin, zfs and zthin on each of the three nodes, all observed
      assertEquals(12, status.path("pools").size());
      for (JsonNode p : status.path("pools")) {
        assertTrue(p.path("totalBytes").asLong() > 0, p.toString());
        assertTrue(p.path("freeBytes").asLong() <= p.path("totalBytes").asLong(), p.toString());
      }

      checkAgainstOpenApi(web);

      XmlPage page = XmlPage.parse(web.html());
      assertEquals(List.of("a", "b"), page.volumeRows());
      assertTrue(
          page.volumeCells("a").get(2).startsWith("Ready"), page.volumeCells("a").toString());
      assertEquals(
          2,
          page.volumeCells("a").get(3).split("UpToDate", -1).length - 1,
          page.volumeCells("a").toString());
      assertEquals(3, page.nodes("//article[@class='card']").size());

      // a volume pushed later shows on the page and in the API
      String c2 =
          repo.git.commitAndPush(
              "sealed volume c",
              "manifests/volumes/c.yaml",
              SimRepo.volume("c", "sealed", "3 GiB"));
      assertEquals(202, hook(daemon).statusCode());
      web.await(
          "/api/v1/status",
          s -> WebView.ready(s, c2, List.of("a", "b", "c")),
          CONVERGE,
          "c ready at " + c2);
      assertEquals(List.of("a", "b", "c"), XmlPage.parse(web.html()).volumeRows());
      assertEquals("sealed", web.json("/api/v1/volumes/c").path("template").asString());

      // drift by hand: DRBD resource a down on one of its nodes
      String node = WebView.diskfulNode(web.json("/api/v1/volumes/a"));
      Result down =
          repo.sim()
              .host(node)
              .run(List.of("drbdadm", "down", "a"), new byte[0], Duration.ofSeconds(10));
      assertEquals(0, down.exitCode(), down.err());
      daemon.requestDriftCheck();
      JsonNode drift =
          web.await(
              "/api/v1/drift",
              d -> !d.path("inSync").asBoolean(true),
              CONVERGE,
              "drift of a on " + node);
      boolean found = false;
      for (JsonNode o : drift.path("objects")) {
        found |=
            "a".equals(o.path("volume").asString(null))
                && node.equals(o.path("node").asString(null));
      }
      assertTrue(found, drift.toString());
      // the volumes are described from the drift check's observation, not an older cycle's
      JsonNode aDrifted = web.json("/api/v1/volumes/a");
      assertFalse(aDrifted.path("ready").asBoolean(true), aDrifted.toString());
      assertTrue(
          XmlPage.parse(web.html()).volumeCells("a").get(2).startsWith("Not ready"),
          "page row of a after drift");
      JsonNode alerts = web.json("/api/v1/alerts");
      assertFalse(alerts.path("firing").isEmpty(), alerts.toString());
      assertTrue(
          alerts.path("firing").get(0).path("key").asString().startsWith("drift/a/"),
          alerts.toString());
      XmlPage drifted = XmlPage.parse(web.html());
      assertFalse(drifted.texts("//section[@id='drift']//tbody/tr").isEmpty());
      checkAgainstOpenApi(web);

      // an invalid commit: located errors on the page, escaped; the commit in force stays
      String bad =
          repo.git.commitAndPush(
              "typo",
              "manifests/volumes/d.yaml",
              SimRepo.volume("d", "plain", "1 GiB")
                  .replace("size: 1 GiB", "size: \"<script>alert(1)</script>\""));
      assertEquals(202, hook(daemon).statusCode());
      JsonNode invalid =
          web.await(
              "/api/v1/status",
              s ->
                  bad.equals(
                      s.path("repository").path("invalidCommit").path("commit").asString(null)),
              CONVERGE,
              "invalid commit " + bad);
      assertEquals(c2, invalid.path("repository").path("commitInForce").asString());
      String html = web.html();
      assertFalse(html.contains("<script>"), html);
      XmlPage withErrors = XmlPage.parse(html);
      assertEquals(List.of(), withErrors.nodes("//script"));
      List<String> errors = withErrors.texts("//ul[@class='errors']/li");
      assertTrue(
          errors.stream().anyMatch(e -> e.startsWith("manifests/volumes/d.yaml:")),
          errors.toString());
      checkAgainstOpenApi(web);
      assertEquals(List.of(), repo.sim().dataLossEvents());
    }
  }

  /** Every documented path answers 200 with a body valid against its documented schema. */
  private static void checkAgainstOpenApi(WebView web) {
    OpenApiContract api = OpenApiContract.load();
    for (String path : api.paths()) {
      String concrete = path.replace("{name}", "a");
      HttpResponse<String> r = web.client.get(concrete);
      assertEquals(200, r.statusCode(), concrete + ": " + r.body());
      if (api.hasJsonSchema(path, 200)) {
        assertEquals(List.of(), api.validate(path, 200, r.body()), concrete + ": " + r.body());
      }
    }
  }

  private static HttpResponse<String> hook(Daemon<?, ?> d) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + d.httpPort() + "/hooks/git"))
                .header("X-GitHub-Event", "push")
                .POST(HttpRequest.BodyPublishers.ofString("{\"ref\":\"refs/heads/main\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
