package io.strata.reconciler.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strata.executors.host.Result;
import io.strata.planner.observed.ObservedState;
import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.daemon.Daemon;
import io.strata.reconciler.engine.Engine;
import io.strata.reconciler.engine.EngineCycleSteps;
import io.strata.reconciler.web.WebDaemonView;
import io.strata.schema.model.DesiredState;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The page in a real headless Chromium, from a running daemon on the simulated cluster: converged,
 * syncing (a replica added at a slow simulated resync rate), drifted (a DRBD resource downed by
 * hand) and with an invalid commit. PNGs go to {@code target/screenshots}; with {@code
 * -Dstrata.screenshots.publish=DIR} they are also copied there (the README's screenshots are made
 * that way). Skipped when no {@code chromium} is on the PATH; {@code .ci/run} installs it.
 */
class WebScreenshotTest {
  private static final Duration CONVERGE = Duration.ofSeconds(90);
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

  @TempDir Path tmp;

  @Test
  void screenshotsOfTheFourStates() throws Exception {
    Optional<Path> chromium = onPath("chromium");
    assumeTrue(chromium.isPresent(), "no chromium on PATH");
    Path out = Path.of("target", "screenshots");
    Files.createDirectories(out);
    // 64 MiB/s: the small volumes sync in seconds, the 12 GiB pushed later takes minutes
    SimRepo repo = new SimRepo(tmp, "  heal: none\n", "", "0s\n  syncRate: 64MiB");
    String c1 =
        repo.git.commitAndPush(
            "cluster and volumes",
            "manifests/cluster.yaml",
            repo.cluster(),
            "manifests/volumes/pg-data.yaml",
            SimRepo.volume("pg-data", "mirrored", "1 GiB")
                .replace("template: mirrored}", "template: mirrored, access: [gamma]}"),
            "manifests/volumes/logs.yaml",
            SimRepo.volume("logs", "mirrored", "512 MiB"),
            "manifests/volumes/scratch.yaml",
            SimRepo.volume("scratch", "plain", "20 GiB"),
            "manifests/volumes/vault.yaml",
            SimRepo.volume("vault", "sealed", "512 MiB"));
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
      String url = "http://127.0.0.1:" + daemon.httpPort() + "/";
      List<String> all = List.of("pg-data", "logs", "scratch", "vault");
      web.await(
          "/api/v1/status",
          s -> WebView.ready(s, c1, all),
          CONVERGE,
          "converged",
          daemon::requestCycle);
      shoot(chromium.get(), url, out.resolve("converged.png"), 1280, 2200);
      shoot(chromium.get(), url, out.resolve("converged-phone.png"), 412, 4200);

      // a new large volume: its second replica resyncs at the simulated rate
      repo.git.commitAndPush(
          "archive volume",
          "manifests/volumes/archive.yaml",
          SimRepo.volume("archive", "mirrored", "12 GiB"));
      hook(daemon);
      web.await(
          "/api/v1/status",
          WebScreenshotTest::syncing,
          CONVERGE,
          "a replica syncing",
          daemon::requestCycle);
      shoot(chromium.get(), url, out.resolve("syncing.png"), 1280, 2400);

      String node = WebView.diskfulNode(web.json("/api/v1/volumes/pg-data"));
      Result down =
          repo.sim()
              .host(node)
              .run(List.of("drbdadm", "down", "pg-data"), new byte[0], Duration.ofSeconds(10));
      assertEquals(0, down.exitCode(), down.err());
      daemon.requestDriftCheck();
      web.await("/api/v1/drift", d -> !d.path("inSync").asBoolean(true), CONVERGE, "drift");
      shoot(chromium.get(), url, out.resolve("drifted.png"), 1280, 3000);

      String bad =
          repo.git.commitAndPush(
              "typo",
              "manifests/volumes/extra.yaml",
              SimRepo.volume("extra", "plain", "1 GiB").replace("size:", "sise:"));
      hook(daemon);
      web.await(
          "/api/v1/status",
          s -> bad.equals(s.path("repository").path("invalidCommit").path("commit").asString(null)),
          CONVERGE,
          "invalid commit");
      shoot(chromium.get(), url, out.resolve("invalid-commit.png"), 1280, 3300);
    }
    String publish = System.getProperty("strata.screenshots.publish");
    if (publish != null) {
      Path dir = Path.of(publish);
      Files.createDirectories(dir);
      try (var files = Files.list(out)) {
        for (Path p : files.toList()) {
          Files.copy(p, dir.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static boolean syncing(JsonNode status) {
    for (JsonNode v : status.path("volumes")) {
      for (JsonNode r : v.path("replicas")) {
        // a few percent in, so the progress bar shows
        if ("SyncTarget".equals(r.path("state").asString())
            && r.path("syncPercent").asDouble(0) >= 5) {
          return true;
        }
      }
    }
    return false;
  }

  /** One screenshot by a separate headless Chromium process, with its own throwaway profile. */
  private void shoot(Path chromium, String url, Path png, int width, int height) throws Exception {
    Files.deleteIfExists(png);
    Path profile = Files.createTempDirectory(tmp, "chromium");
    Path log = tmp.resolve(png.getFileName() + ".log");
    Process p =
        new ProcessBuilder(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--no-first-run",
                "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height,
                "--screenshot=" + png.toAbsolutePath(),
                url)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium took over 120 s: " + Files.readString(log));
    }
    assertTrue(Files.exists(png), "no screenshot: " + Files.readString(log));
    byte[] head = Arrays.copyOf(Files.readAllBytes(png), 4);
    assertArrayEquals(PNG, head, png.toString());
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static void hook(Daemon<?, ?> d) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + d.httpPort() + "/hooks/git"))
                    .header("X-GitHub-Event", "push")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"ref\":\"refs/heads/main\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(202, r.statusCode(), r.body());
  }
}
