package io.strata.reconciler.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.observed.ObservedState;
import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.daemon.Daemon;
import io.strata.reconciler.engine.Engine;
import io.strata.reconciler.engine.EngineCycleSteps;
import io.strata.reconciler.git.GitCli;
import io.strata.schema.model.DesiredState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state a daemon killed during its first fetch leaves in its Git mirror — the fetched objects,
 * no branch ref, the ref's lock file and a config lock — made deterministically instead of by a
 * timed SIGKILL (DaemonCrashTest, seed 40778912555326, found it): the next daemon on that config
 * folder starts, converges and reports the repository Ready.
 */
class DaemonMirrorRecoveryTest {
  @TempDir Path tmp;

  @Test
  void aDaemonStartsOnTheMirrorAKilledFetchLeft() throws Exception {
    SimRepo repo = new SimRepo(tmp, "", "", "0s");
    String commit =
        repo.git.commitAndPush(
            "cluster and a volume",
            "manifests/cluster.yaml",
            repo.cluster(),
            "manifests/volumes/a.yaml",
            SimRepo.volume("a", "mirrored", "1 GiB"));
    StrataConfig cfg = repo.load();
    Daemon.Options options = Daemon.Options.defaults(cfg);
    Path mirror = options.stateDir().resolve("mirror.git");
    Files.createDirectories(mirror.getParent());
    GitCli.git(tmp, "clone", "-q", "--bare", repo.git.bare().toString(), mirror.toString());
    GitCli.git(mirror, "config", "remote.origin.url", repo.git.bare().toString());
    // a fetch killed after the pack, before the ref: no ref, its lock file left behind
    Files.deleteIfExists(mirror.resolve("packed-refs"));
    Files.deleteIfExists(mirror.resolve("refs/heads/main"));
    Path refLock = mirror.resolve("refs/remotes/origin/main.lock");
    Files.createDirectories(refLock.getParent());
    Files.writeString(refLock, "");
    Files.writeString(mirror.resolve("config.lock"), "");

    try (Engine engine = Engine.open(cfg);
        Daemon<DesiredState, ObservedState> daemon =
            new Daemon<>(cfg, new EngineCycleSteps(engine), options)) {
      daemon.start();
      SimRepo.await(
          () -> repo.ready(commit, List.of("a")),
          Duration.ofSeconds(30),
          () -> "a Ready at " + commit + "\n" + repo.status("status/reconciler.yaml"));
      String rec = repo.status("status/reconciler.yaml");
      assertTrue(rec.contains("reason: Synced"), rec);
    }
    assertTrue(Files.notExists(refLock), "the leftover lock file is gone");
  }
}
