package io.strata.reconciler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.json.ObservedJson;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.observed.VolumeGroup;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pull-request preview: plan a commit of a real Git repository (made with the git CLI) against
 * the observed snapshot in its status branch, with no cluster access at all.
 */
class PlanPreviewTest {
  @TempDir Path repo;
  String head;

  static String git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> argv =
        new ArrayList<>(List.of("git", "-c", "user.name=ci", "-c", "user.email=ci@example.com"));
    argv.addAll(List.of(args));
    Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), () -> String.join(" ", argv) + ": " + out);
    return out.strip();
  }

  @BeforeEach
  void repository() throws Exception {
    Path sample = Path.of("src/test/resources/sample");
    git(repo, "init", "-q", "-b", "main");
    Files.createDirectories(repo.resolve("manifests"));
    Files.copy(sample.resolve("manifests/cluster.yaml"), repo.resolve("manifests/cluster.yaml"));
    Files.writeString(
        repo.resolve("strata.yaml"), "git: {url: ., path: manifests}\nsimulation: {nodes: {}}\n");
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "manifests");
    // The daemon's status branch: an observed snapshot of two nodes with empty volume groups.
    git(repo, "checkout", "-q", "--orphan", "strata/status");
    git(repo, "rm", "-q", "-rf", ".");
    ObservedState observed =
        ObservedState.of(
            Map.of(
                "north", withVg("north"),
                "south", withVg("south")),
            Map.of());
    Files.createDirectories(repo.resolve("status"));
    Files.writeString(repo.resolve("status/observed.json"), ObservedJson.write(observed));
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "status");
    git(repo, "checkout", "-q", "main");
    head = git(repo, "rev-parse", "HEAD");
  }

  private static NodeState withVg(String node) {
    NodeState empty = NodeState.empty(node);
    return new NodeState(
        node,
        List.of(new VolumeGroup("data", 50L << 30, 50L << 30, 4L << 20, List.of("/dev/sdb"))),
        empty.thinPools(),
        empty.zpools(),
        empty.logicalVolumes(),
        empty.zvols(),
        empty.luksDevices(),
        empty.drbdResources(),
        empty.nvmeSubsystems(),
        empty.nvmeConnections());
  }

  @Test
  void plansACommitAgainstTheStatusSnapshot() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "plan",
            "--config",
            repo.resolve("strata.yaml").toString(),
            "--repo",
            repo.toString(),
            "--ref",
            head,
            "--observed-from",
            "status",
            "--format",
            "markdown",
            "--detailed-exitcode");
    assertEquals(2, code, err.toString());
    assertTrue(out.toString().contains("<!-- strata-plan -->"), out.toString());
    assertTrue(out.toString().contains(head.substring(0, 7)), "the comment names the commit");
    assertTrue(out.toString().contains("web"), out.toString());
  }

  @Test
  void aRemoteRepositoryIsRefusedWithWhatToDo() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "plan",
            "--config",
            repo.resolve("strata.yaml").toString(),
            "--repo",
            "https://git.example.com/storage.git",
            "--ref",
            head,
            "--observed-from",
            "status");
    assertEquals(1, code, out + "|" + err);
    assertTrue(err.toString().contains("--repo ."), out + "|" + err);
  }
}
