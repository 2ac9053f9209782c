package io.strata.reconciler.cli;

import static io.strata.reconciler.cli.CliContractTest.strata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.reconciler.cli.CliContractTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code strata apply plan.json} with a plan file that was edited, damaged, of another format or
 * made from other manifests (issue 12): each is refused with exit 1 and a message naming the file
 * and what to do, and nothing on the cluster changes. (A plan made before the cluster changed is
 * refused as stale: {@link CliContractTest}.)
 */
class SavedPlanTest {
  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path tmp;
  Path repo;
  String config;
  Path saved;

  @BeforeEach
  void savePlan() throws IOException {
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
    saved = tmp.resolve("plan.json");
    assertEquals(
        0,
        strata("plan", "--config", config, "--format", "json", "--out", saved.toString()).code());
  }

  private Run apply() {
    return strata("apply", "--config", config, saved.toString());
  }

  private void assertRefusedAndNothingChanged(Run r, String says) {
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.err().contains(says), r.err());
    assertTrue(r.err().contains(saved.toString()), "names the file: " + r.err());
    assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    assertEquals(
        2,
        strata("plan", "--config", config, "--detailed-exitcode").code(),
        "nothing was applied: the changes are still to do");
  }

  @Test
  void aSizeEditedByHandIsRefused() throws IOException {
    ObjectNode plan = (ObjectNode) JSON.readTree(Files.readString(saved));
    ObjectNode first = (ObjectNode) plan.get("changes").get(0);
    JsonNode size = first.get("size");
    assertTrue(size != null && size.isObject(), "the sample's first change has a size: " + first);
    ((ObjectNode) size).put("allocated", size.get("allocated").asLong() * 2);
    Files.writeString(saved, JSON.writeValueAsString(plan));
    assertRefusedAndNothingChanged(apply(), "is not the plan Strata makes now");
  }

  @Test
  void aChangeRemovedByHandIsRefused() throws IOException {
    ObjectNode plan = (ObjectNode) JSON.readTree(Files.readString(saved));
    var changes = (tools.jackson.databind.node.ArrayNode) plan.get("changes");
    changes.remove(changes.size() - 1); // the last: nothing depends on it
    Files.writeString(saved, JSON.writeValueAsString(plan));
    assertRefusedAndNothingChanged(apply(), "is not the plan Strata makes now");
  }

  @Test
  void aChangeOthersDependOnRemovedByHandIsRefusedWhenRead() throws IOException {
    ObjectNode plan = (ObjectNode) JSON.readTree(Files.readString(saved));
    ((tools.jackson.databind.node.ArrayNode) plan.get("changes")).remove(0);
    Files.writeString(saved, JSON.writeValueAsString(plan));
    assertRefusedAndNothingChanged(apply(), "make the plan again");
  }

  @Test
  void aPlanMadeFromOtherManifestsIsRefused() throws IOException {
    Path vol = repo.resolve("manifests");
    try (Stream<Path> s = Files.walk(vol)) {
      Path f =
          s.filter(p -> p.toString().endsWith(".yaml"))
              .filter(p -> readUnchecked(p).contains("kind: Volume"))
              .findFirst()
              .orElseThrow();
      Files.writeString(f, readUnchecked(f).replaceFirst("size: (\\d+)", "size: 9$1"));
    }
    Run r = apply();
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("is not the plan Strata makes now"), r.err());
  }

  @Test
  void aTruncatedPlanFileIsRefused() throws IOException {
    String json = Files.readString(saved);
    Files.writeString(saved, json.substring(0, json.length() / 2));
    assertRefusedAndNothingChanged(apply(), "plan.json");
  }

  @Test
  void aPlanOfAnotherFormatIsRefused() throws IOException {
    Files.writeString(saved, Files.readString(saved).replace("strata.plan/v1", "strata.plan/v2"));
    assertRefusedAndNothingChanged(apply(), "strata.plan/v2");
  }

  @Test
  void theUneditedPlanApplies() {
    Run r = apply();
    assertEquals(0, r.code(), r.out() + r.err());
  }

  private static String readUnchecked(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
