package io.strata.reconciler.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strata.reconciler.alert.AlertDispatcher;
import io.strata.reconciler.config.ConfigLoader;
import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.git.GitCli;
import io.strata.reconciler.git.GpgKeys;
import io.strata.reconciler.git.SecretReader;
import io.strata.reconciler.metrics.StrataMetrics;
import io.strata.reconciler.schedule.Backoff;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code git.verify.mode: gpg} end to end: the daemon applies the commit signed by the trusted key
 * and reports, without applying, a commit signed by another key or not signed at all.
 */
class GpgVerifiedDaemonTest {
  @TempDir Path tmp;

  @Test
  void onlyCommitsSignedByATrustedKeyAreApplied() throws Exception {
    assumeTrue(GpgKeys.available(), "gpg is not installed — install gnupg (.ci/run does)");
    GpgKeys gpg = GpgKeys.create(tmp.resolve("gnupg"));
    try {
      String ops = gpg.generate("Ops Signer <ops@example.test>");
      String stranger = gpg.generate("Stranger <stranger@example.test>");
      Files.createDirectories(tmp.resolve("keys"));
      Files.writeString(tmp.resolve("keys/ops.asc"), gpg.exportPublic(ops));
      GitCli git = GitCli.create(tmp);
      String good =
          gpg.commitSignedAndPush(git, ops, "pg", "volumes/pg.yaml", Harness.volume("pg", 10));
      Daemon<FakeSteps.Desired, Map<String, Long>> daemon = daemon(new FakeSteps(cluster));
      daemon.start();
      try {
        Harness.await(() -> daemon.cyclesCompleted() >= 1, "first cycle");
        assertEquals(good, daemon.lastGoodCommit());
        assertEquals(Map.of("pg", 10L), cluster.volumes());

        String foreign =
            gpg.commitSignedAndPush(
                git, stranger, "grow", "volumes/pg.yaml", Harness.volume("pg", 20));
        daemon.requestCycle();
        Harness.await(() -> daemon.cyclesCompleted() >= 2, "second cycle");
        assertEquals(good, daemon.lastGoodCommit());
        assertEquals(Map.of("pg", 10L), cluster.volumes(), "the stranger's commit is not applied");
        String rec = git.inBare("show", "strata/status:status/reconciler.yaml");
        assertTrue(rec.contains("lastAttemptedCommit: " + foreign), rec);
        assertTrue(rec.contains("is not trusted"), rec);
        assertTrue(rec.contains(stranger), rec);
        assertEquals(1.0, daemon.metrics().cycles(StrataMetrics.CycleResult.INVALID));

        git.commitAndPush("unsigned", "volumes/pg.yaml", Harness.volume("pg", 30));
        daemon.requestCycle();
        Harness.await(() -> daemon.cyclesCompleted() >= 3, "third cycle");
        assertEquals(Map.of("pg", 10L), cluster.volumes(), "the unsigned commit is not applied");
        rec = git.inBare("show", "strata/status:status/reconciler.yaml");
        // the oldest untrusted commit since the last verified one is named: the stranger's
        assertTrue(rec.contains(foreign.substring(0, 12)) && rec.contains("lies between"), rec);

        // A trusted signature on top does not carry the untrusted commits below it in (issue 12).
        gpg.commitSignedAndPush(git, ops, "grow", "volumes/pg.yaml", Harness.volume("pg", 35));
        daemon.requestCycle();
        Harness.await(() -> daemon.cyclesCompleted() >= 4, "fourth cycle");
        assertEquals(good, daemon.lastGoodCommit());
        assertEquals(Map.of("pg", 10L), cluster.volumes(), "signed head over untrusted history");
        rec = git.inBare("show", "strata/status:status/reconciler.yaml");
        assertTrue(rec.contains("lies between"), rec);
        assertTrue(rec.contains(foreign.substring(0, 12)), rec);

        // The way out: the branch rewritten without them, then a signed commit.
        GitCli.git(git.work(), "reset", "-q", "--hard", good);
        GitCli.git(git.work(), "push", "-q", "-f", "origin", "main");
        String signed =
            gpg.commitSignedAndPush(git, ops, "grow", "volumes/pg.yaml", Harness.volume("pg", 40));
        daemon.requestCycle();
        Harness.await(() -> daemon.cyclesCompleted() >= 5, "fifth cycle");
        assertEquals(signed, daemon.lastGoodCommit());
        assertEquals(Map.of("pg", 40L), cluster.volumes());
      } finally {
        daemon.stop();
      }
    } finally {
      gpg.close();
    }
  }

  private final FakeCluster cluster = new FakeCluster();

  private Daemon<FakeSteps.Desired, Map<String, Long>> daemon(FakeSteps steps) {
    StrataConfig cfg =
        ConfigLoader.parse(
            "strata.yaml",
            "git:\n"
                + "  url: remote.git\n"
                + "  pollInterval: 1h\n"
                + "  verify: {mode: gpg, trustedKeys: [file:keys/ops.asc]}\n"
                + "http: {bind: 127.0.0.1, port: 0}\n"
                + "reconcile:\n  driftInterval: 1h\n",
            tmp);
    Daemon.Options opts =
        new Daemon.Options(
            tmp.resolve("state"),
            Clock.systemUTC(),
            new Backoff(Duration.ofMinutes(5), Duration.ofMinutes(10), 0.1, new Random(7)),
            new AlertDispatcher.Delivery(3, Duration.ofMillis(50), Duration.ofMillis(200), 16),
            Duration.ofSeconds(20),
            new SecretReader(tmp, Map.of()));
    return new Daemon<>(cfg, steps, opts);
  }
}
