package io.strata.reconciler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.reconciler.config.ConfigLoader;
import io.strata.reconciler.git.FetchResult;
import io.strata.reconciler.git.GitCli;
import io.strata.reconciler.git.GitSource;
import io.strata.reconciler.git.SecretReader;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 8 item 5: one source resolver for the CLI and the daemon. {@code git.url} may be a path, a
 * bare repository or a {@code file://} URL; {@code --ref} defaults to {@code git.branch}; {@code
 * --repo} is relative to the current directory (checked in a separate process started elsewhere);
 * errors say what to do. The config lives in its own folder, apart from the repositories.
 */
class SourcesCliTest {
  @TempDir Path tmp;
  GitCli git;
  String head;
  Path configDir;

  record Run(int code, String out, String err) {}

  @BeforeEach
  void repositories() throws IOException {
    git = GitCli.create(tmp);
    String cluster = Files.readString(Path.of("src/test/resources/sample/manifests/cluster.yaml"));
    head = git.commitAndPush("manifests", "manifests/cluster.yaml", cluster);
    configDir = tmp.resolve("config");
    Files.createDirectories(configDir);
  }

  private String config(String url) throws IOException {
    Path f = configDir.resolve("strata.yaml");
    Files.writeString(
        f,
        "git: {url: '"
            + url
            + "', branch: main, path: manifests}\n"
            + "simulation:\n  nodes:\n    north: {volumeGroups: {data: 50GiB}}\n"
            + "    south: {volumeGroups: {data: 50GiB}}\n");
    return f.toString();
  }

  static Run strata(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  /** The CLI as its own process in {@code cwd}: the only honest test of "relative to the cwd". */
  static Run strataIn(Path cwd, String... args) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>();
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    argv.add("-cp");
    argv.add(System.getProperty("java.class.path"));
    argv.add(Main.class.getName());
    argv.addAll(List.of(args));
    File err = Files.createTempFile("strata-err", ".txt").toFile();
    Process p =
        new ProcessBuilder(argv)
            .directory(cwd.toFile())
            .redirectError(err)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "strata did not exit");
    String errText = Files.readString(err.toPath());
    err.delete();
    return new Run(p.exitValue(), out, errText);
  }

  private String planCommit(Run plan) {
    assertEquals(0, plan.code(), plan.out() + plan.err());
    return JsonMapper.builder().build().readTree(plan.out()).get("commit").asString();
  }

  @Test
  void fileUrlOfABareRepositoryWithAndWithoutRef() throws IOException {
    String cfg = config(git.bare().toUri().toString());
    assertTrue(cfg.length() > 0);
    assertEquals(head, planCommit(strata("plan", "--config", cfg, "--format", "json")));
    assertEquals(
        head, planCommit(strata("plan", "--config", cfg, "--ref", "main", "--format", "json")));
    String older = git.commitAndPush("second", "manifests/extra.yaml", null);
    assertEquals(
        head,
        planCommit(strata("plan", "--config", cfg, "--ref", head, "--format", "json")),
        "--ref picks a commit, " + older + " is newer");
  }

  @Test
  void bareRepositoryByPathRelativeToTheConfigFolder() throws IOException {
    String cfg = config("../remote.git");
    assertEquals(head, planCommit(strata("plan", "--config", cfg, "--format", "json")));
  }

  @Test
  void repoDotIsTheCurrentDirectoryNotTheConfigFolder() throws Exception {
    String cfg = config("/nonexistent/never/read");
    Run plan =
        strataIn(
            git.work(),
            "plan",
            "--config",
            cfg,
            "--repo",
            ".",
            "--ref",
            "main",
            "--format",
            "json");
    assertEquals(head, planCommit(plan));
    Run files = strataIn(git.work(), "plan", "--config", cfg, "--repo", ".", "--format", "json");
    assertEquals(0, files.code(), files.err());
    assertTrue(
        JsonMapper.builder().build().readTree(files.out()).get("commit").isNull(),
        "without --ref the working tree's files are read");
  }

  @Test
  void aFolderWithoutGitAndARefSaysWhatToDo() throws IOException {
    String cfg = config(".");
    Path plain = tmp.resolve("plain");
    Files.createDirectories(plain.resolve("manifests"));
    Run r = strata("plan", "--config", cfg, "--repo", plain.toString(), "--ref", "main");
    assertEquals(1, r.code(), r.out());
    assertEquals("", r.out());
    assertTrue(r.err().contains(plain + " from --repo"), r.err());
    assertTrue(r.err().contains("relative to the current directory"), r.err());
    assertTrue(r.err().contains("point it at a clone, a bare repository"), r.err());
  }

  @Test
  void anUnknownRefNamesTheRepositoryAndTheRef() throws IOException {
    String cfg = config(git.bare().toUri().toString());
    Run r = strata("plan", "--config", cfg, "--ref", "no-such-branch");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("no branch, tag or commit 'no-such-branch'"), r.err());
    assertFalse(r.err().contains("drop --ref"), r.err());
  }

  @Test
  void theDaemonResolvesTheSameUrlToTheSameCommit() throws IOException {
    String cfg = config(git.bare().toUri().toString());
    var loaded = ConfigLoader.load(Path.of(cfg));
    try (GitSource src =
        GitSource.open(loaded, tmp.resolve("daemon"), new SecretReader(configDir, Map.of()))) {
      assertEquals(new FetchResult.Fetched(head), src.fetch());
    }
    assertEquals(head, planCommit(strata("plan", "--config", cfg, "--format", "json")));
  }
}
