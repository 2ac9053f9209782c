package io.strata.reconciler.cli;

import static io.strata.reconciler.cli.PlanPreviewTest.git;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.reconciler.engine.Cluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strata status} names the active instance of an HA deployment: the {@code Strata-Instance:}
 * trailer of the status branch's newest commit (issue 13).
 */
class StatusActiveInstanceTest {
  @TempDir Path repo;

  private String[] status(String format) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "status",
            "--config",
            repo.resolve("strata.yaml").toString(),
            "--format",
            format);
    assertEquals(0, code, err.toString());
    return new String[] {out.toString(), err.toString()};
  }

  @Test
  void theLastStatusCommitsTrailerNamesTheActiveInstance() throws Exception {
    git(repo, "init", "-q", "-b", "main");
    Files.createDirectories(repo.resolve("manifests"));
    Files.writeString(repo.resolve("manifests/cluster.yaml"), Cluster.NODES_AND_POOLS);
    Files.writeString(
        repo.resolve("strata.yaml"),
        "git: {url: ., path: manifests}\nsimulation: {stateDir: memory}\n");
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "manifests");

    assertFalse(status("text")[0].contains("Active instance"), "no status branch yet");
    assertTrue(status("json")[0].contains("\"activeInstance\" : null"), status("json")[0]);

    git(repo, "checkout", "-q", "--orphan", "strata/status");
    git(repo, "commit", "-q", "--allow-empty", "-m", "status\n\nStrata-Instance: host-a-4242");
    git(repo, "checkout", "-q", "-f", "main");
    String text = status("text")[0];
    assertTrue(text.contains("Active instance: host-a-4242 (status committed "), text);
    String json = status("json")[0];
    assertTrue(json.contains("\"instanceId\" : \"host-a-4242\""), json);
    assertTrue(json.contains("\"statusCommit\" : \""), json);
  }
}
