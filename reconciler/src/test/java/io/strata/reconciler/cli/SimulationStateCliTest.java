package io.strata.reconciler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * Issue 8 items 6 and 7 through the real CLI entry point, each command a fresh engine as separate
 * processes would be: the embedded simulated cluster persists by default in {@code .strata/sim}
 * beside strata.yaml, {@code plan} writes no state, nodes added later are seeded, a changed
 * capacity is refused with the way out ({@code sim reset}), and the ledger reads as sentences or
 * JSON. Everything lives in a temporary folder.
 */
class SimulationStateCliTest {
  @TempDir Path tmp;
  Path repo;
  Path yaml;
  String config;

  record Run(int code, String out, String err) {}

  static Run strata(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  @BeforeEach
  void copySampleWithDefaultSimulationState() throws IOException {
    repo = tmp.resolve("repo");
    Path sample = Path.of("src/test/resources/sample");
    try (Stream<Path> files = Files.walk(sample)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path d = repo.resolve(sample.relativize(f).toString());
        Files.createDirectories(d.getParent());
        Files.copy(f, d);
      }
    }
    yaml = repo.resolve("strata.yaml");
    // no simulation.stateDir: the default applies
    Files.writeString(yaml, Files.readString(yaml).replace("  stateDir: .strata/sim\n", ""));
    assertFalse(Files.readString(yaml).contains("stateDir"));
    config = yaml.toString();
  }

  private Run apply() {
    Run r = strata("apply", "--config", config, "--auto-approve");
    assertEquals(0, r.code(), r.out() + r.err());
    return r;
  }

  private void northCapacity(String size) throws IOException {
    Files.writeString(
        yaml,
        Files.readString(yaml)
            .replaceFirst(
                "north: \\{volumeGroups: \\{data: [0-9A-Za-z]+\\}\\}",
                "north: {volumeGroups: {data: " + size + "}}"));
  }

  private long vgSize(String node) {
    Run vgs =
        strata(
            "sim",
            "run",
            "--config",
            config,
            "--node",
            node,
            "--",
            "vgs",
            "--reportformat",
            "json",
            "--units",
            "b",
            "--nosuffix",
            "-o",
            "vg_name,vg_size");
    assertEquals(0, vgs.code(), vgs.err());
    JsonNode vg =
        JsonMapper.builder().build().readTree(vgs.out()).get("report").get(0).get("vg").get(0);
    return Long.parseLong(vg.get("vg_size").asString());
  }

  @Test
  void applyThenPlanWithTheDefaultConfigShowsNoChanges() {
    apply();
    assertTrue(Files.isDirectory(repo.resolve(".strata/sim")), "state beside strata.yaml");
    Run plan = strata("plan", "--config", config, "--detailed-exitcode");
    assertEquals(0, plan.code(), "the cluster remembered the apply:\n" + plan.out() + plan.err());
  }

  @Test
  void planWritesNoState() {
    Run plan = strata("plan", "--config", config, "--detailed-exitcode");
    assertEquals(2, plan.code(), plan.err());
    assertFalse(Files.exists(repo.resolve(".strata/sim")), "plan must not create the state");
    apply();
    long before = vgSize("north");
    Run again = strata("plan", "--config", config, "--detailed-exitcode");
    assertEquals(0, again.code(), again.out() + again.err());
    assertEquals(before, vgSize("north"));
  }

  /** status and drift only look, as plan does: neither creates the simulated cluster's state. */
  @Test
  void statusAndDriftWriteNoState() {
    Run status = strata("status", "--config", config);
    assertEquals(0, status.code(), status.err());
    Run drift = strata("drift", "--config", config);
    assertEquals(2, drift.code(), drift.out() + drift.err());
    assertFalse(Files.exists(repo.resolve(".strata/sim")), "status/drift must not create state");
  }

  @Test
  void planDoesNotPinTheSeedSoLaterEditsApply() throws IOException {
    Files.writeString(
        yaml, Files.readString(yaml).replace("simulation:\n", "simulation:\n  stateDir: sim\n"));
    assertEquals(2, strata("plan", "--config", config, "--detailed-exitcode").code());
    northCapacity("80GiB");
    apply();
    assertEquals(80L << 30, vgSize("north"));
    assertTrue(Files.isDirectory(repo.resolve("sim")), "an explicit stateDir is honoured");
  }

  @Test
  void aNodeAddedLaterIsSeededFromTheConfig() throws IOException {
    apply();
    Files.writeString(
        yaml,
        Files.readString(yaml)
            .replace("    south:", "    east: {volumeGroups: {data: 70GiB}}\n    south:"));
    assertEquals(70L << 30, vgSize("east"));
    Run plan = strata("plan", "--config", config, "--detailed-exitcode");
    assertEquals(0, plan.code(), plan.out() + plan.err());
  }

  @Test
  void aChangedCapacityIsRefusedUntilTheNodeIsReset() throws IOException {
    apply();
    northCapacity("80GiB");
    Run plan = strata("plan", "--config", config);
    assertEquals(1, plan.code(), plan.out());
    assertTrue(plan.err().contains("north: volumeGroups.data 50GiB -> 80GiB"), plan.err());
    assertTrue(plan.err().contains("strata sim reset --node north"), plan.err());
    assertEquals("", plan.out(), "no plan from a cluster that contradicts its config");

    Run reset = strata("sim", "reset", "--config", config, "--node", "north");
    assertEquals(0, reset.code(), reset.err());
    assertEquals(80L << 30, vgSize("north"));
    Run replan = strata("plan", "--config", config, "--detailed-exitcode");
    assertEquals(
        2, replan.code(), "north's replica is re-created:\n" + replan.out() + replan.err());
  }

  @Test
  void stateDirMemoryForgetsBetweenCommands() throws IOException {
    Files.writeString(
        yaml, Files.readString(yaml).replace("simulation:\n", "simulation:\n  stateDir: memory\n"));
    apply();
    assertFalse(Files.exists(repo.resolve(".strata/sim")));
    assertEquals(2, strata("plan", "--config", config, "--detailed-exitcode").code());
  }

  @Test
  void theLedgerPrintsSentencesAndJson() {
    apply();
    assertEquals(0, strata("sim", "ledger", "--config", config).code());
    strata("sim", "run", "--config", config, "--node", "south", "--", "drbdadm", "down", "web");
    Run rm =
        strata(
            "sim",
            "run",
            "--config",
            config,
            "--node",
            "south",
            "--",
            "lvremove",
            "-y",
            "data/web_00000");
    assertEquals(0, rm.code(), rm.err());

    Run text = strata("sim", "ledger", "--config", config);
    assertEquals(2, text.code(), text.out());
    assertTrue(text.out().contains("1 data-loss event(s):"), text.out());
    assertTrue(text.out().contains("south: /dev/data/web_00000 lost its data"), text.out());
    assertFalse(text.out().contains("LedgerEvent["), "no record toString: " + text.out());

    Run json = strata("sim", "ledger", "--config", config, "--format", "json");
    assertEquals(2, json.code(), json.err());
    JsonNode root = JsonMapper.builder().build().readTree(json.out());
    assertEquals("strata.ledger/v1", root.get("format").asString());
    assertEquals(1, root.get("dataLoss").size());
    assertEquals("lvremove", root.get("dataLoss").get(0).get("operation").asString());
    assertEquals("south", root.get("dataLoss").get(0).get("node").asString());
  }
}
