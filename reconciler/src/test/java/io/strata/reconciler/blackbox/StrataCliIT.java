package io.strata.reconciler.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.reconciler.blackbox.StrataJar.Run;
import io.strata.reconciler.engine.PlanVersusLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CLI surface of issue 8 from outside: stdout is only the product, status prints, and the exit
 * codes of ARCHITECTURE.md §11 hold — each on the separately run strata.jar.
 */
class StrataCliIT {
  /** A Logback-style line: a level word as a field, as any default or pattern layout writes it. */
  private static final Pattern LOG_LINE =
      Pattern.compile(
          "(?m)^.*\\b(TRACE|DEBUG|INFO|WARN|ERROR)\\b.*\\b(io\\.strata|org\\.|o\\.e\\.)");

  @TempDir Path dir;
  StrataJar strata;
  String config;

  @BeforeEach
  void sample() throws Exception {
    config = StrataJar.sample(dir).toString();
    strata = StrataJar.in(dir);
  }

  static JsonNode json(String s) {
    return JsonMapper.builder().build().readTree(s);
  }

  // The PR-preview workflow reads the manifests from a Git commit (--ref): JGit is loaded, and
  // before logback.xml shipped its DEBUG lines came first on stdout.
  @Test
  void planJsonFromGitParsesOnStdout() throws Exception {
    StrataJar.commitAll(dir);
    Run r = strata.run("plan", "--config", config, "--ref", "main", "--format", "json");
    assertEquals(0, r.code(), r::toString);
    JsonNode plan = json(r.out());
    assertEquals("strata.plan/v1", plan.get("format").asString());
    assertTrue(plan.get("changes").size() > 0, r::toString);
  }

  @Test
  void planMarkdownFromGitHasNoLogLinesOnStdout() throws Exception {
    StrataJar.commitAll(dir);
    Run r = strata.run("plan", "--config", config, "--ref", "main", "--format", "markdown");
    assertEquals(0, r.code(), r::toString);
    assertFalse(LOG_LINE.matcher(r.out()).find(), r::toString);
    assertTrue(r.out().startsWith("#") || r.out().startsWith("<"), r::toString);
    assertTrue(r.out().contains("|"), r::toString);
  }

  @Test
  void debugLogsGoToStderrOneLineEachWithoutNuls() throws Exception {
    StrataJar.commitAll(dir);
    Run r =
        strata.run(
            "--log-level",
            "debug",
            "plan",
            "--config",
            config,
            "--ref",
            "main",
            "--format",
            "json");
    assertEquals(0, r.code(), r::toString);
    json(r.out());
    assertFalse(r.err().contains("\u0000"), "no NUL bytes in the log");
    assertFalse(r.err().contains("DEBUG org.eclipse.jgit"), () -> "JGit stays at WARN\n" + r);
  }

  @Test
  void statusPrintsTheVolumesAndItsJsonHasTheDocumentedKeys() throws Exception {
    Run text = strata.run("status", "--config", config);
    assertEquals(0, text.code(), text::toString);
    assertTrue(text.out().contains("web"), () -> "status prints the volume\n" + text);

    assertEquals(0, strata.run("apply", "--config", config, "--auto-approve").code());
    Run r = strata.run("status", "--config", config, "--format", "json");
    assertEquals(0, r.code(), r::toString);
    JsonNode s = json(r.out());
    JsonNode web = s.get("volumes").get(0);
    assertEquals("web", web.get("name").asString());
    assertTrue(web.get("ready").asBoolean(), r::toString);
    assertEquals(2, web.get("replicas").size(), r::toString);
    assertTrue(web.get("replicas").get(0).has("node"), r::toString);
    JsonNode pool = s.get("pools").get(0);
    assertTrue(pool.has("name"), r::toString);
    assertTrue(pool.get("totalBytes").asLong() > 0, r::toString);
    assertTrue(pool.get("freeBytes").asLong() < pool.get("totalBytes").asLong(), r::toString);
  }

  /**
   * Issue 10's "done when" through the jar: {@code plan --out p.json}, then {@code apply p.json},
   * runs exactly the mutating commands p.json shows, in dependency order, as {@code sim log
   * --format json} records them; afterwards the plan is empty and no data was lost.
   */
  @Test
  void applyOfASavedPlanRunsExactlyItsCommandsOnTheSmallExample() throws Exception {
    Path small = Files.createDirectories(dir.resolve("small"));
    String cfg = StrataJar.smallExample(small).toString();
    Map<String, String> key = Map.of("STRATA_LUKS_KEY", "correct horse battery staple");
    StrataJar in = StrataJar.in(small);
    Run plan = in.run(key, "plan", "--config", cfg, "--out", "p.json");
    assertEquals(0, plan.code(), plan::toString);
    Run apply = in.run(key, "apply", "--config", cfg, "p.json");
    assertEquals(0, apply.code(), apply::toString);
    Run log = in.run(key, "sim", "log", "--config", cfg, "--format", "json");
    assertEquals(0, log.code(), log::toString);
    List<String> lines = log.out().lines().toList();
    int mutating =
        PlanVersusLog.check(
            Files.readString(small.resolve("p.json"), StandardCharsets.UTF_8), lines);
    assertTrue(mutating > 20, "the example's plan mutates: " + mutating);
    Run again = in.run(key, "plan", "--config", cfg, "--detailed-exitcode");
    assertEquals(0, again.code(), again::toString);
    Run ledger = in.run(key, "sim", "ledger", "--config", cfg);
    assertEquals(0, ledger.code(), ledger::toString);

    Run alpha = in.run(key, "sim", "log", "--config", cfg, "--node", "alpha");
    assertEquals(0, alpha.code(), alpha::toString);
    assertTrue(alpha.out().lines().allMatch(l -> l.matches("#\\d+ alpha: .+")), alpha::toString);
    assertTrue(alpha.out().contains(": write /etc/drbd.d/"), alpha::toString);
  }

  @Test
  void usageErrorsExitOneNotTwo() throws Exception {
    for (String[] args :
        new String[][] {
          {"plan", "--no-such-flag"}, {"no-such-command"}, {}, {"status", "--format", "yaml"}
        }) {
      Run r = strata.run(args);
      assertEquals(1, r.code(), () -> String.join(" ", args) + "\n" + r);
      assertTrue(r.out().isEmpty(), () -> "usage errors go to stderr\n" + r);
    }
  }

  @Test
  void detailedExitcodeIsTwoForChangesZeroForNoneOneForRefusalsOnly() throws Exception {
    assertEquals(2, strata.run("plan", "--config", config, "--detailed-exitcode").code());
    assertEquals(0, strata.run("apply", "--config", config, "--auto-approve").code());
    assertEquals(0, strata.run("plan", "--config", config, "--detailed-exitcode").code());

    // a shrink is refused (never shrink a volume): a plan of refusals only must fail a PR check
    Path manifest = dir.resolve("manifests/cluster.yaml");
    Files.writeString(manifest, Files.readString(manifest).replace("size: 4 GiB", "size: 2 GiB"));
    Run refused = strata.run("plan", "--config", config, "--detailed-exitcode");
    assertEquals(1, refused.code(), refused::toString);
    assertTrue(refused.out().contains("Refused"), refused::toString);
  }

  @Test
  void completionPrintsABashScript() throws Exception {
    Run r = strata.run("completion");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("complete -F"), r::toString);
  }

  /**
   * Evacuating a node is make-before-break: a new replica, its sync, then the old one's removal —
   * several plans. {@code apply --wait} runs them all in one command, with a progress line per
   * change on stderr (not a terminal here), and the next plan is empty.
   */
  @Test
  void applyWaitRunsAnEvacuationToTheEnd() throws Exception {
    Run first = strata.run("apply", "--config", config, "--auto-approve");
    assertEquals(0, first.code(), first::toString);
    Files.writeString(
        dir.resolve("strata.yaml"),
        Files.readString(dir.resolve("strata.yaml")) + "    east: {volumeGroups: {data: 50GiB}}\n");
    Files.writeString(
        dir.resolve("manifests/cluster.yaml"),
        Files.readString(dir.resolve("manifests/cluster.yaml"))
                .replace(
                    "spec: {address: 192.0.2.1, connection: {type: simulated}}",
                    "spec: {address: 192.0.2.1, connection: {type: simulated}, evacuate: true}")
            + "---\napiVersion: strata.io/v1\nkind: Node\nmetadata: {name: east, labels: {zone:"
            + " e}}\nspec: {address: 192.0.2.3, connection: {type: simulated}}\n---\n"
            + "apiVersion: strata.io/v1\nkind: StoragePool\nmetadata: {name: east-data}\n"
            + "spec: {node: east, provider: {type: lvm, volumeGroup: data}}\n");
    Run evacuate =
        strata.run("apply", "--config", config, "--auto-approve", "--wait", "--timeout", "2m");
    assertEquals(0, evacuate.code(), evacuate::toString);
    assertTrue(evacuate.out().contains("Round 2:"), evacuate::toString);
    assertTrue(evacuate.out().contains("Converged after"), evacuate::toString);
    assertTrue(
        Pattern.compile("(?m)^\\[\\d+/\\d+\\] succeeded ").matcher(evacuate.err()).find(),
        evacuate::toString);
    Run after = strata.run("plan", "--config", config, "--detailed-exitcode");
    assertEquals(0, after.code(), after::toString);
    Run status = strata.run("status", "--config", config, "--format", "json");
    assertEquals(0, status.code(), status::toString);
    assertFalse(status.out().contains("\"node\":\"north\""), status::toString);
  }

  @Test
  void applyWaitRejectsABadTimeoutAsAUsageError() throws Exception {
    Run r =
        strata.run("apply", "--config", config, "--auto-approve", "--wait", "--timeout", "soon");
    assertEquals(1, r.code(), r::toString);
  }
}
