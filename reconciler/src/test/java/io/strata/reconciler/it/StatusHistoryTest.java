package io.strata.reconciler.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strata.reconciler.git.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crash tests' history check finds a status commit that said Ready too early. */
class StatusHistoryTest {
  @TempDir Path tmp;

  @Test
  void findsTheCommitThatReportedTheRepositoryReadyWhileAVolumeWasNot() throws Exception {
    GitCli cli = GitCli.create(tmp);
    cli.commitAndPush("manifests", "a.yaml", "x: 1\n");
    GitCli.git(cli.work(), "checkout", "-q", "-b", "strata/status");
    String ok = status(cli, true, true);
    String early = status(cli, true, false);
    String honest = status(cli, false, false);

    List<String> bad =
        StatusHistory.readyWhileAVolumeIsNot(cli.bare(), "strata/status", List.of("a", "b"));

    assertEquals(
        List.of(
            early + ": repository Ready, not Ready: [b (no status), status/volumes/a.yaml]",
            ok + ": repository Ready, not Ready: [b (no status)]"),
        bad,
        "commits " + List.of(ok, early, honest));
  }

  private static String status(GitCli cli, boolean repository, boolean volume) throws Exception {
    Path dir = cli.work().resolve("status");
    Files.createDirectories(dir.resolve("volumes"));
    Files.writeString(dir.resolve("reconciler.yaml"), conditions(repository));
    Files.writeString(dir.resolve("volumes/a.yaml"), conditions(volume));
    GitCli.git(cli.work(), "add", "-A");
    GitCli.git(cli.work(), "commit", "-q", "-m", "status");
    GitCli.git(cli.work(), "push", "-q", "origin", "strata/status");
    return GitCli.git(cli.work(), "rev-parse", "HEAD").strip();
  }

  private static String conditions(boolean ready) {
    return "conditions:\n- type: Ready\n  status: '"
        + (ready ? "True" : "False")
        + "'\n  reason: R\n  message: ''\n  lastTransitionTime: 2026-12-05T00:00:00Z\n";
  }
}
