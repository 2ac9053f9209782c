package io.strata.reconciler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CLI contract of ARCHITECTURE.md §7/§11 (the same sequence as shared/contract/check-cli.sh),
 * run in-process on the contract's sample: two simulated nodes, one mirrored volume, persistent
 * simulation state shared by every command as separate processes would share it.
 */
class CliContractTest {
  @TempDir Path tmp;
  Path repo;
  String config;

  record Run(int code, String out, String err) {}

  @BeforeEach
  void copySample() throws IOException {
    repo = tmp.resolve("repo");
    Path sample = Path.of("src/test/resources/sample");
    try (Stream<Path> files = Files.walk(sample)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path d = repo.resolve(sample.relativize(f).toString());
        Files.createDirectories(d.getParent());
        Files.copy(f, d);
      }
    }
    config = repo.resolve("strata.yaml").toString();
  }

  static Run strata(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void validateSaysWhereTheErrorIs() throws IOException {
    assertEquals(0, strata("validate", repo.resolve("manifests").toString()).code());
    Files.writeString(
        repo.resolve("manifests/bad.yaml"),
        "apiVersion: strata.io/v1\nkind: Volume\nmetadata: {name: Bad_Name}\n"
            + "spec: {size: 1 GiB, template: mirrored}\n");
    Run bad = strata("validate", repo.resolve("manifests").toString());
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("bad.yaml:3"), bad.err());
  }

  @Test
  void planApplyDriftHealLedger() throws IOException {
    Run json = strata("plan", "--config", config, "--format", "json");
    assertEquals(0, json.code(), json.err());
    JsonNode plan = JsonMapper.builder().build().readTree(json.out());
    assertEquals("strata.plan/v1", plan.get("format").asString());
    assertTrue(plan.get("changes").size() > 0);

    assertEquals(2, strata("plan", "--config", config, "--detailed-exitcode").code());
    Run md = strata("plan", "--config", config, "--format", "markdown");
    assertTrue(md.out().contains("|"));

    Path saved = tmp.resolve("saved.json");
    assertEquals(
        0,
        strata("plan", "--config", config, "--format", "json", "--out", saved.toString()).code());
    Run apply = strata("apply", "--config", config, saved.toString());
    assertEquals(0, apply.code(), apply.out() + apply.err());
    assertEquals(0, strata("plan", "--config", config, "--detailed-exitcode").code());
    Run stale = strata("apply", "--config", config, saved.toString());
    assertEquals(1, stale.code());
    assertTrue(stale.err().contains("stale plan"), stale.err());

    assertEquals(0, strata("drift", "--config", config).code());
    assertEquals(0, strata("status", "--config", config).code());
    Run down =
        strata("sim", "run", "--config", config, "--node", "south", "--", "drbdadm", "down", "web");
    assertEquals(0, down.code(), down.err());
    Run drift = strata("drift", "--config", config);
    assertEquals(2, drift.code(), drift.out());
    assertTrue(drift.out().contains("south"), drift.out());
    Run heal = strata("apply", "--config", config, "--auto-approve");
    assertEquals(0, heal.code(), heal.out() + heal.err());
    assertEquals(0, strata("drift", "--config", config).code());
    assertEquals(0, strata("sim", "ledger", "--config", config).code());
  }

  @Test
  void helpListsEveryCommand() {
    Run help = strata("--help");
    assertEquals(0, help.code());
    for (String c :
        new String[] {"validate", "plan", "apply", "status", "drift", "sim", "demo", "daemon"}) {
      assertTrue(help.out().contains(c), () -> "--help lists " + c + ":\n" + help.out());
    }
  }
}
