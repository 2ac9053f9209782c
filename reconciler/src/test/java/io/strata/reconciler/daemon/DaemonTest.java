package io.strata.reconciler.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.reconciler.alert.RecordingHttpSink;
import io.strata.reconciler.drift.DriftClass;
import io.strata.reconciler.http.WebhookAuth;
import io.strata.reconciler.metrics.StrataMetrics;
import io.strata.reconciler.metrics.StrataMetricsTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonTest {
  @TempDir Path tmp;

  @Test
  void appliesPushesWritesStatusAndCommitsOnlyWhenSomethingChanged() throws Exception {
    try (Harness h = new Harness(tmp, "")) {
      String c1 = h.git.commitAndPush("pg", "volumes/pg.yaml", Harness.volume("pg", 10));
      h.start();
      h.awaitCycles(1);
      assertEquals(Map.of("pg", 10L), h.cluster.volumes());
      String pg = h.status("status/volumes/pg.yaml");
      assertTrue(pg.contains("observedCommit: " + c1), pg);
      assertTrue(pg.contains("lastAppliedCommit: " + c1), pg);
      assertTrue(pg.contains("- type: Ready\n  status: 'True'"), pg);
      assertTrue(pg.contains("devicePath: /dev/vg0/pg"), pg);
      assertTrue(h.status("status/observed.json").contains("\"pg\":10"));
      assertTrue(h.status("status/last-plan.md").contains("create pg"));
      assertTrue(h.status("status/nodes/alpha.yaml").contains("reachable: true"));
      assertEquals(1, h.statusCommits());

      // Nothing changed: a cycle makes no status commit.
      h.daemon.requestCycle();
      h.awaitCycles(2);
      assertEquals(1, h.statusCommits());

      // A new push, announced by a signed webhook, is seen after the fetch.
      String c2 = h.git.commitAndPush("grow", "volumes/pg.yaml", Harness.volume("pg", 20));
      HttpResponse<String> r = h.githubPush();
      assertEquals(202, r.statusCode(), r.body());
      h.awaitCycles(3);
      assertEquals(Map.of("pg", 20L), h.cluster.volumes());
      assertTrue(h.status("status/volumes/pg.yaml").contains("lastAppliedCommit: " + c2));
      assertEquals(2, h.statusCommits());
      assertEquals(c2, h.daemon.lastGoodCommit());
      assertEquals(1.0, h.daemon.metrics().cycles(StrataMetrics.CycleResult.NO_CHANGE));
      assertEquals(2.0, h.daemon.metrics().cycles(StrataMetrics.CycleResult.SUCCESS));
    }
  }

  @Test
  void webhooksWithoutTheRightSignatureAreRefusedWith401() throws Exception {
    try (Harness h = new Harness(tmp, "")) {
      h.git.commitAndPush("pg", "volumes/pg.yaml", Harness.volume("pg", 10));
      h.start();
      h.awaitCycles(1);
      String body = "{\"ref\":\"refs/heads/main\"}";
      assertEquals(401, h.post("/hooks/git", body, Map.of()).statusCode());
      assertEquals(
          401,
          h.post(
                  "/hooks/git",
                  body,
                  Map.of("X-Hub-Signature-256", WebhookAuth.sign("wrong", body.getBytes())))
              .statusCode());
      assertEquals(401, h.post("/hooks/git", body, Map.of("X-Gitlab-Token", "wrong")).statusCode());
      assertEquals(405, h.get("/hooks/git").statusCode());
      // GitLab's token and a push to another branch are accepted; the latter triggers nothing.
      HttpResponse<String> other =
          h.post(
              "/hooks/git",
              "{\"ref\":\"refs/heads/strata/status\"}",
              Map.of("X-Gitlab-Token", Harness.SECRET));
      assertEquals(202, other.statusCode());
      assertTrue(other.body().contains("\"triggered\":false"), other.body());
      assertEquals(1, h.daemon.cyclesCompleted());
      assertEquals(
          202, h.post("/hooks/git", body, Map.of("X-Gitlab-Token", Harness.SECRET)).statusCode());
      h.awaitCycles(2);
    }
  }

  @Test
  void aWebhookForTheHeadACycleFetchedQueuesNothing() throws Exception {
    try (Harness h = new Harness(tmp, "")) {
      String c1 = h.git.commitAndPush("pg", "volumes/pg.yaml", Harness.volume("pg", 10));
      h.start();
      h.awaitCycles(1);
      HttpResponse<String> same = h.githubPush(c1);
      assertEquals(202, same.statusCode());
      assertTrue(same.body().contains("\"coalesced\":true"), same.body());
      String c2 = h.git.commitAndPush("pg grows", "volumes/pg.yaml", Harness.volume("pg", 12));
      HttpResponse<String> next = h.githubPush(c2);
      assertTrue(next.body().contains("\"coalesced\":false"), next.body());
      h.awaitCycles(2);
      h.quiesce();
      assertEquals(2, h.daemon.cyclesCompleted());
    }
  }

  @Test
  void aBurstOfTenWebhooksRunsOneOrTwoCycles() throws Exception {
    try (Harness h = new Harness(tmp, "")) {
      h.git.commitAndPush("pg", "volumes/pg.yaml", Harness.volume("pg", 10));
      h.start();
      h.awaitCycles(1);
      // The first webhook's cycle is held in observe while the other nine arrive.
      CountDownLatch gate = new CountDownLatch(1);
      h.cluster.observeGate = gate;
      for (int i = 0; i < 10; i++) {
        assertEquals(202, h.githubPush().statusCode());
      }
      h.cluster.observeGate = null;
      gate.countDown();
      h.awaitCycles(2);
      h.quiesce(); // any further (wrongly queued) cycle has run now
      long ran = h.daemon.cyclesCompleted() - 1;
      assertTrue(ran >= 1 && ran <= 2, "10 webhooks ran " + ran + " cycles");
    }
  }

  @Test
  void anInvalidCommitIsReportedAndTheLastGoodCommitStaysInForce() throws Exception {
    try (Harness h = new Harness(tmp, "")) {
      String good = h.git.commitAndPush("pg", "volumes/pg.yaml", Harness.volume("pg", 10));
      h.start();
      h.awaitCycles(1);
      String bad =
          h.git.commitAndPush(
              "broken",
              "volumes/pg.yaml",
              Harness.volume("pg", "ten"),
              "volumes/new.yaml",
              Harness.volume("new", 5));
      h.daemon.requestCycle();
      h.awaitCycles(2);
      assertEquals(good, h.daemon.lastGoodCommit());
      assertEquals(Map.of("pg", 10L), h.cluster.volumes(), "nothing of the bad commit applied");
      String rec = h.status("status/reconciler.yaml");
      assertTrue(rec.contains("lastAttemptedCommit: " + bad), rec);
      assertTrue(rec.contains("lastAppliedCommit: " + good), rec);
      assertTrue(rec.contains("volumes/pg.yaml:3:7: size must be a number of GiB"), rec);
      assertTrue(rec.contains("reason: InvalidCommit"), rec);
      assertTrue(rec.contains("commit " + bad + " not applied"), rec);
      assertEquals(1.0, h.daemon.metrics().cycles(StrataMetrics.CycleResult.INVALID));

      // The good commit is still reconciled: drift toward it is healed.
      h.cluster.remove("pg");
      h.daemon.requestCycle();
      h.awaitCycles(3);
      assertEquals(Map.of("pg", 10L), h.cluster.volumes());
      assertTrue(h.status("status/reconciler.yaml").contains("InvalidCommit"));

      // Fixing the commit moves on.
      String fixed = h.git.commitAndPush("fix", "volumes/pg.yaml", Harness.volume("pg", 10));
      h.daemon.requestCycle();
      h.awaitCycles(4);
      assertEquals(fixed, h.daemon.lastGoodCommit());
      assertEquals(Map.of("pg", 10L, "new", 5L), h.cluster.volumes());
      assertFalse(h.status("status/reconciler.yaml").contains("validationErrors"));
    }
  }

  @Test
  void aRestartedDaemonKeepsTheLastAppliedCommitInForceWhenHeadIsInvalid() throws Exception {
    String good;
    try (Harness h = new Harness(tmp, "")) {
      good = h.git.commitAndPush("pg", "volumes/pg.yaml", Harness.volume("pg", 10));
      h.start();
      h.awaitCycles(1);
      h.git.commitAndPush("broken", "volumes/pg.yaml", "kind: [unclosed\n");
    }
    // Same repository and state folder, fresh process state; the (fake) cluster starts empty.
    try (Harness h = new Harness(tmp, "", false)) {
      h.start();
      h.awaitCycles(1);
      assertEquals(good, h.daemon.lastGoodCommit());
      assertEquals(Map.of("pg", 10L), h.cluster.volumes(), "healed toward the last good commit");
      assertTrue(h.status("status/reconciler.yaml").contains("volumes/pg.yaml:"));
    }
  }

  @Test
  void driftFiresAnAlertHealsAndResolves() throws Exception {
    try (RecordingHttpSink sink = new RecordingHttpSink();
        Harness h =
            new Harness(
                tmp,
                "alerts:\n  - {type: alertmanager, url: '"
                    + sink.uri()
                    + "'}\n  - {type: log}\n")) {
      h.git.commitAndPush("pg", "volumes/pg.yaml", Harness.volume("pg", 10));
      h.start();
      h.awaitCycles(1);
      h.cluster.remove("pg"); // someone ran lvremove by hand
      h.daemon.requestDriftCheck();
      List<String> bodies = sink.await(2, 30_000);
      assertEquals(2, bodies.size(), bodies.toString());
      assertTrue(bodies.get(0).startsWith("[{\"labels\":{"), bodies.get(0));
      assertTrue(bodies.get(0).contains("\"status\":\"firing\""), bodies.get(0));
      assertTrue(
          bodies.get(0).contains("\"key\":\"drift/pg/alpha/storage/missing\""), bodies.get(0));
      assertTrue(bodies.get(1).contains("\"status\":\"resolved\""), bodies.get(1));
      assertTrue(bodies.get(1).contains("\"endsAt\""), bodies.get(1));
      assertEquals(Map.of("pg", 10L), h.cluster.volumes(), "heal: safe re-created it");
      // No new transitions: nothing more is sent.
      h.daemon.requestDriftCheck();
      Harness.await(() -> h.daemon.driftChecksCompleted() >= 2, "second drift check");
      h.daemon.stop(); // delivers what the drift checks queued before it returns
      assertEquals(2, sink.bodies().size());
    }
  }

  @Test
  void aPollCycleThatHealsDriftStillAlertsCountsTheHealAndSaysSoInTheStatusCommit()
      throws Exception {
    try (RecordingHttpSink sink = new RecordingHttpSink();
        Harness h = new Harness(tmp, sink.alertsYaml())) {
      h.git.commitAndPush("pg", "volumes/pg.yaml", Harness.volume("pg", 10));
      h.start();
      h.awaitCycles(1);
      // changed by hand, then the poll cycle comes before any drift job (the fake's plan text
      // differs from the create's, so the status content changes and is committed)
      h.cluster.put("pg", 5L);
      h.daemon.requestCycle();
      List<String> bodies = sink.await(2, 30_000);
      assertEquals(2, bodies.size(), bodies.toString());
      assertTrue(bodies.get(0).contains("\"status\":\"firing\""), bodies.get(0));
      assertTrue(
          bodies.get(0).contains("\"key\":\"drift/pg/alpha/storage/config\""), bodies.get(0));
      assertTrue(bodies.get(0).contains("\"class\":\"config\""), bodies.get(0));
      assertTrue(bodies.get(1).contains("\"status\":\"resolved\""), bodies.get(1));
      assertEquals(Map.of("pg", 10L), h.cluster.volumes());
      assertEquals(1.0, h.daemon.metrics().heals(DriftClass.CONFIG), 0.0);
      Harness.await(
          () -> h.git.inBare("log", "-1", "--format=%s", "strata/status").contains("healed pg"),
          "status commit says what was healed");
      assertTrue(
          h.git.inBare("log", "-1", "--format=%s", "strata/status").contains("healed pg on alpha"));
    }
  }

  @Test
  void aNewCommitsChangesAreGitsNotDriftNoHealIsCounted() throws Exception {
    try (RecordingHttpSink sink = new RecordingHttpSink();
        Harness h = new Harness(tmp, sink.alertsYaml())) {
      h.git.commitAndPush("pg", "volumes/pg.yaml", Harness.volume("pg", 10));
      h.start();
      h.awaitCycles(1);
      h.git.commitAndPush("more", "volumes/db.yaml", Harness.volume("db", 5));
      h.daemon.requestCycle();
      h.awaitCycles(2);
      assertEquals(Map.of("pg", 10L, "db", 5L), h.cluster.volumes());
      for (DriftClass c : DriftClass.values()) {
        assertEquals(0.0, h.daemon.metrics().heals(c), c.label());
      }
      assertEquals(List.of(), sink.bodies(), "creating what Git asks for is not drift");
    }
  }

  @Test
  void aNewCommitSoonAfterAFullObservationIsObservedForWhatItChangedOnly() throws Exception {
    MovableClock clock = new MovableClock();
    try (Harness h = new Harness(tmp, "", true, "1h", clock)) {
      h.git.commitAndPush("pg", "volumes/pg.yaml", Harness.volume("pg", 10));
      h.start();
      h.awaitCycles(1); // the first commit: nothing to compare with
      h.daemon.requestCycle();
      h.awaitCycles(2); // no new commit
      assertEquals(0, h.cluster.changeObservations.get());

      // within the poll interval (1h) of the last full observation
      h.git.commitAndPush("grow", "volumes/pg.yaml", Harness.volume("pg", 20));
      h.daemon.requestCycle();
      h.awaitCycles(3);
      assertEquals(1, h.cluster.changeObservations.get());
      assertEquals(Map.of("pg", 20L), h.cluster.volumes());

      // past it: a new commit's cycle observes everything, and that is the new last full one
      clock.advance(Duration.ofMinutes(61));
      h.git.commitAndPush("grow more", "volumes/pg.yaml", Harness.volume("pg", 30));
      h.daemon.requestCycle();
      h.awaitCycles(4);
      assertEquals(1, h.cluster.changeObservations.get());
      h.git.commitAndPush("db", "volumes/db.yaml", Harness.volume("db", 5));
      h.daemon.requestCycle();
      h.awaitCycles(5);
      assertEquals(2, h.cluster.changeObservations.get());
      assertEquals(Map.of("pg", 30L, "db", 5L), h.cluster.volumes());
    }
  }

  /** A clock that stands still until moved. */
  private static final class MovableClock extends java.time.Clock {
    private volatile java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public java.time.Instant instant() {
      return now;
    }
  }

  @Test
  void healNoneOnlyAlerts() throws Exception {
    try (Harness h = new Harness(tmp, "reconcile:\n  driftInterval: 1h\n  heal: none\n")) {
      h.git.commitAndPush("pg", "volumes/pg.yaml", Harness.volume("pg", 10));
      h.start();
      h.awaitCycles(1);
      h.cluster.remove("pg");
      h.daemon.requestDriftCheck();
      Harness.await(() -> h.daemon.driftChecksCompleted() >= 1, "drift check");
      h.quiesce(); // a cycle the drift check asked for (it must not) has run now
      assertEquals(1, h.daemon.cyclesCompleted());
      assertEquals(Map.of(), h.cluster.volumes());
      assertTrue(
          new String(h.daemon.metrics().scrape())
              .contains("strata_drifted_objects{class=\"missing\"} 1.0"));
    }
  }

  @Test
  void aSinkThatNeverAnswersDoesNotBlockTheCycle() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    try (RecordingHttpSink sink = new RecordingHttpSink();
        Harness h = new Harness(tmp, "alerts:\n  - {type: slack, url: '" + sink.uri() + "'}\n")) {
      sink.hold(never);
      h.git.commitAndPush("pg", "volumes/pg.yaml", Harness.volume("pg", 10));
      h.start();
      h.awaitCycles(1);
      h.cluster.remove("pg");
      h.daemon.requestDriftCheck(); // fires an alert the sink will hold forever
      sink.await(1, 30_000);
      h.awaitCycles(2); // the heal cycle ran while the sink still holds the request
      h.daemon.requestCycle();
      h.awaitCycles(3);
      assertEquals(1, never.getCount(), "the sink is still holding the first delivery");
      assertEquals(Map.of("pg", 10L), h.cluster.volumes());
      never.countDown();
    }
  }

  @Test
  void metricsAndHealth() throws Exception {
    try (Harness h = new Harness(tmp, "")) {
      h.git.commitAndPush("pg", "volumes/pg.yaml", Harness.volume("pg", 10));
      CountDownLatch gate = new CountDownLatch(1);
      h.cluster.observeGate = gate;
      h.start();
      Harness.await(() -> h.cluster.observations.get() >= 1, "first observation");
      HttpResponse<String> before = h.get("/healthz");
      assertEquals(503, before.statusCode());
      assertTrue(before.body().contains("no cycle has finished yet"), before.body());
      h.cluster.observeGate = null;
      gate.countDown();
      h.awaitCycles(1);
      HttpResponse<String> after = h.get("/healthz");
      assertEquals(200, after.statusCode(), after.body());
      assertTrue(after.body().contains("\"status\":\"ok\""), after.body());

      HttpResponse<String> m = h.get("/metrics");
      assertEquals(200, m.statusCode());
      assertTrue(m.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
      List<String> samples = StrataMetricsTest.parse(m.body());
      for (String name :
          List.of(
              "strata_cycles_total{result=\"success\"} 1.0",
              "strata_cycle_duration_seconds_count 1",
              "strata_changes_applied_total{action=\"create\"} 1.0",
              "strata_drifted_objects{class=\"missing\"} 0.0",
              "strata_failures_total{stage=\"apply\"} 0.0",
              "strata_last_successful_sync_timestamp_seconds ")) {
        assertTrue(samples.stream().anyMatch(s -> s.startsWith(name)), name + "\n" + m.body());
      }
    }
  }

  @Test
  void gracefulStopFinishesTheRunningCycleWritesStatusAndClosesHttp() throws Exception {
    Harness h = new Harness(tmp, "");
    h.git.commitAndPush("pg", "volumes/pg.yaml", Harness.volume("pg", 10));
    h.cluster.applyDelayMs = 1500;
    h.start();
    int port = h.daemon.httpPort();
    h.cluster.applyStarted.await();
    h.daemon.stop(); // as the SIGTERM hook does
    assertEquals(1, h.daemon.cyclesCompleted());
    assertEquals(Map.of("pg", 10L), h.cluster.volumes());
    assertTrue(h.status("status/volumes/pg.yaml").contains("status: 'True'"));
    assertThrows(
        IOException.class,
        () ->
            Harness.HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString()));
    assertFalse(h.daemon.requestCycle(), "no work accepted after stop");
    h.daemon.stop(); // idempotent
  }

  @Test
  void aFailingVolumeBacksOffWhileOthersConverge() throws Exception {
    try (Harness h = new Harness(tmp, "")) {
      h.git.commitAndPush(
          "two",
          "volumes/a.yaml",
          Harness.volume("a", 1),
          "volumes/b.yaml",
          Harness.volume("b", 2));
      h.cluster.failing.add("b");
      h.start();
      h.awaitCycles(1);
      assertEquals(Map.of("a", 1L), h.cluster.volumes());
      String b = h.status("status/volumes/b.yaml");
      assertTrue(b.contains("reason: ApplyFailed"), b);
      assertTrue(b.contains("lastError:"), b);
      assertTrue(
          h.status("status/reconciler.yaml").contains("lastAppliedCommit: null"),
          "a failed volume means the commit is not fully applied");
      h.daemon.requestCycle();
      h.awaitCycles(2);
      assertEquals(1, h.cluster.attempts("b"), "b is skipped while backing off");
      String b2 = h.status("status/volumes/b.yaml");
      assertTrue(b2.contains("reason: BackingOff"), b2);
      assertTrue(h.status("status/volumes/a.yaml").contains("status: 'True'"));
    }
  }

  @Test
  void planOnlyReportsThePlanAndTouchesNothing() throws Exception {
    try (Harness h = new Harness(tmp, "reconcile:\n  driftInterval: 1h\n  mode: plan-only\n")) {
      h.git.commitAndPush("pg", "volumes/pg.yaml", Harness.volume("pg", 10));
      h.start();
      h.awaitCycles(1);
      assertEquals(Map.of(), h.cluster.volumes());
      assertEquals(0, h.cluster.attempts("pg"));
      assertTrue(h.status("status/last-plan.md").contains("create pg"));
      String pg = h.status("status/volumes/pg.yaml");
      assertTrue(pg.contains("reason: ChangesPending"), pg);
      assertTrue(pg.contains("mode: plan-only"), pg);
      assertEquals(1.0, h.daemon.metrics().cycles(StrataMetrics.CycleResult.PLAN_ONLY));
    }
  }

  @Test
  void theQuartzPollTriggerPicksUpAPushWithoutAWebhook() throws Exception {
    try (Harness h = new Harness(tmp, "", true, "1s")) {
      h.git.commitAndPush("pg", "volumes/pg.yaml", Harness.volume("pg", 10));
      h.start();
      h.awaitCycles(1);
      h.git.commitAndPush("more", "volumes/b.yaml", Harness.volume("b", 1));
      Harness.await(() -> h.cluster.volumes().containsKey("b"), "the poll to apply b");
    }
  }
}
