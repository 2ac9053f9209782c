package io.strata.reconciler.daemon;

import io.strata.reconciler.alert.AlertDispatcher;
import io.strata.reconciler.config.ConfigLoader;
import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.git.GitCli;
import io.strata.reconciler.git.SecretReader;
import io.strata.reconciler.http.WebhookAuth;
import io.strata.reconciler.schedule.Backoff;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;

/** A daemon over a real bare repository (git CLI) and a {@link FakeCluster}, on 127.0.0.1. */
final class Harness implements AutoCloseable {
  static final String SECRET = "s3cret-for-tests";
  static final HttpClient HTTP = HttpClient.newHttpClient();

  final GitCli git;
  final FakeCluster cluster = new FakeCluster();
  final FakeSteps steps = new FakeSteps(cluster);
  final Daemon<FakeSteps.Desired, Map<String, Long>> daemon;

  Harness(Path tmp, String extraYaml) {
    this(tmp, extraYaml, true, "1h");
  }

  Harness(Path tmp, String extraYaml, boolean newRepo) {
    this(tmp, extraYaml, newRepo, "1h");
  }

  /** With {@code newRepo} false, reuses the repositories and state folder under {@code tmp}. */
  Harness(Path tmp, String extraYaml, boolean newRepo, String pollInterval) {
    this(tmp, extraYaml, newRepo, pollInterval, Clock.systemUTC());
  }

  /** As above, with the daemon's clock. */
  Harness(Path tmp, String extraYaml, boolean newRepo, String pollInterval, Clock clock) {
    git = newRepo ? GitCli.create(tmp) : GitCli.open(tmp);
    StrataConfig cfg =
        ConfigLoader.parse(
            "strata.yaml",
            "git:\n"
                + "  url: remote.git\n"
                + "  pollInterval: "
                + pollInterval
                + "\n"
                + "  webhookSecret: env:STRATA_TEST_HOOK\n"
                + "http: {bind: 127.0.0.1, port: 0}\n"
                + extraYaml
                + (extraYaml.contains("reconcile:") ? "" : "reconcile:\n  driftInterval: 1h\n"),
            tmp);
    Daemon.Options opts =
        new Daemon.Options(
            tmp.resolve("state"),
            clock,
            new Backoff(Duration.ofMinutes(5), Duration.ofMinutes(10), 0.1, new Random(7)),
            new AlertDispatcher.Delivery(3, Duration.ofMillis(50), Duration.ofMillis(200), 16),
            Duration.ofSeconds(20),
            new SecretReader(tmp, Map.of("STRATA_TEST_HOOK", SECRET)));
    daemon = new Daemon<>(cfg, steps, opts);
  }

  static String volume(String name, Object size) {
    return "kind: Volume\nname: " + name + "\nsize: " + size + "\n";
  }

  void start() {
    daemon.start();
  }

  void awaitCycles(long n) {
    await(
        () -> daemon.cyclesCompleted() >= n,
        "cycles >= " + n + " (is " + daemon.cyclesCompleted() + ")");
  }

  /**
   * Returns once every piece of work requested so far has run: a drift check is requested and
   * awaited, and the single worker runs a pending cycle before a drift check ({@code Work} order).
   * What a test would otherwise wait "long enough" for has then happened, or never will.
   */
  void quiesce() {
    long before = daemon.driftChecksCompleted();
    daemon.requestDriftCheck();
    await(() -> daemon.driftChecksCompleted() > before, "the drift check queued last");
  }

  static void await(BooleanSupplier cond, String what) {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + daemon.httpPort() + path);
  }

  HttpResponse<String> post(String path, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(url(path))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(b::header);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private final java.util.concurrent.atomic.AtomicInteger deliveries =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * A GitHub push webhook for {@code main}, correctly signed; a distinct delivery each time, as a
   * forge sends (an identical one is a replay: 409).
   */
  HttpResponse<String> githubPush() throws Exception {
    return githubPush("x" + deliveries.get());
  }

  /** As {@link #githubPush()}, saying the branch now points at {@code after}. */
  HttpResponse<String> githubPush(String after) throws Exception {
    int n = deliveries.incrementAndGet();
    String body = "{\"ref\":\"refs/heads/main\",\"after\":\"" + after + "\"}";
    return post(
        "/hooks/git",
        body,
        Map.of(
            "X-GitHub-Event",
            "push",
            "X-GitHub-Delivery",
            "delivery-" + n,
            "X-Hub-Signature-256",
            WebhookAuth.sign(SECRET, body.getBytes(StandardCharsets.UTF_8))));
  }

  String status(String path) {
    return git.inBare("show", "strata/status:" + path);
  }

  int statusCommits() {
    return Integer.parseInt(git.inBare("rev-list", "--count", "strata/status").strip());
  }

  @Override
  public void close() {
    daemon.stop();
  }
}
