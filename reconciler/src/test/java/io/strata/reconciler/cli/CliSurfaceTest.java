package io.strata.reconciler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.plan.Plan;
import io.strata.planner.plan.Refusal;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Issue 8's CLI surface in-process: flushing, exit codes, JSON of status and validate. */
class CliSurfaceTest {
  @TempDir Path tmp;

  /** Like System.out in main: nothing reaches the stream until flushed (print, not println). */
  record Captured(int code, String out, String err) {}

  static Captured unflushed(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)),
            new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8)),
            args);
    return new Captured(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  Path sample() throws Exception {
    Path sample = Path.of("src/test/resources/sample");
    try (var files = Files.walk(sample)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path d = tmp.resolve(sample.relativize(f).toString());
        Files.createDirectories(d.getParent());
        Files.copy(f, d);
      }
    }
    return tmp.resolve("strata.yaml");
  }

  @Test
  void statusOutputIsFlushedBeforeTheExitCodeIsReturned() throws Exception {
    Captured c = unflushed("status", "--config", sample().toString());
    assertEquals(0, c.code(), c.err());
    assertTrue(c.out().contains("web"), () -> "status printed: '" + c.out() + "'");
  }

  @Test
  void usageErrorsExitOne() {
    assertEquals(1, unflushed("plan", "--no-such-flag").code());
    assertEquals(1, unflushed("no-such-command").code());
    assertEquals(1, unflushed().code());
  }

  @Test
  void detailedExitCodeTreatsRefusalsAsAnError() {
    Plan refusedOnly =
        new Plan(null, null, List.of(), List.of(new Refusal("v", null, "would shrink")), List.of());
    Plan empty = new Plan(null, null, List.of(), List.of(), List.of());
    assertEquals(ExitCodes.ERROR, PlanCommand.detailedExitCode(refusedOnly));
    assertEquals(ExitCodes.OK, PlanCommand.detailedExitCode(empty));
  }

  @Test
  void statusJsonHasVolumesNodesAndPools() throws Exception {
    Captured c = unflushed("status", "--config", sample().toString(), "--format", "json");
    assertEquals(0, c.code(), c.err());
    JsonNode s = JsonMapper.builder().build().readTree(c.out());
    assertEquals("web", s.get("volumes").get(0).get("name").asString());
    assertTrue(s.get("volumes").get(0).has("ready"));
    assertEquals(2, s.get("nodes").size());
    assertEquals(50L << 30, s.get("pools").get(0).get("totalBytes").asLong());
    assertTrue(s.get("pools").get(0).has("freeBytes"));
  }

  @Test
  void statusOfAnUnknownVolumeIsAnError() throws Exception {
    assertEquals(1, unflushed("status", "nope", "--config", sample().toString()).code());
  }

  @Test
  void validateJsonGivesFileLineAndMessage() throws Exception {
    sample();
    Files.writeString(
        tmp.resolve("manifests/bad.yaml"),
        "apiVersion: strata.io/v1\nkind: Volume\nmetadata: {name: Bad_Name}\n"
            + "spec: {size: 1 GiB, template: mirrored}\n");
    Captured c = unflushed("validate", "--format", "json", tmp.resolve("manifests").toString());
    assertEquals(1, c.code());
    JsonNode r = JsonMapper.builder().build().readTree(c.out());
    assertEquals(false, r.get("valid").asBoolean());
    JsonNode e = r.get("errors").get(0);
    assertTrue(e.get("file").asString().endsWith("bad.yaml"), c.out());
    assertEquals(3, e.get("line").asInt(), c.out());
    assertTrue(!e.get("message").asString().isEmpty());
  }

  @Test
  void logLevelIsAcceptedAfterTheCommandAndWinsOverTheConfig() throws Exception {
    Path config = sample();
    Files.writeString(config, Files.readString(config) + "logging: {level: debug}\n");
    var strata =
        ((ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory())
            .getLogger("io.strata");
    try {
      assertEquals(
          0,
          unflushed("validate", tmp.resolve("manifests").toString(), "--log-level", "warn").code());
      assertEquals(0, unflushed("status", "--config", config.toString()).code());
      assertEquals(ch.qos.logback.classic.Level.DEBUG, strata.getLevel(), "logging.level applies");
      assertEquals(
          0, unflushed("status", "--config", config.toString(), "--log-level", "error").code());
      assertEquals(ch.qos.logback.classic.Level.ERROR, strata.getLevel(), "--log-level wins");
    } finally {
      strata.setLevel(ch.qos.logback.classic.Level.INFO);
    }
  }
}
