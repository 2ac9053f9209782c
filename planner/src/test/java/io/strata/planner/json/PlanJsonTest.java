package io.strata.planner.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.plan.Change;
import io.strata.planner.plan.CommandPreview;
import io.strata.planner.plan.Divergence;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Plan;
import io.strata.planner.samples.SampleCommands;
import io.strata.planner.samples.SamplePlans;
import io.strata.schema.model.Layer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PlanJsonTest {

  private static JsonNode parse(String json) {
    return JsonText.parse(json, "test");
  }

  private static List<String> keys(JsonNode o) {
    return new ArrayList<>(o.propertyNames());
  }

  @Test
  void roundTripsEveryActionAndSpec() {
    Plan plan = SamplePlans.full();
    String json = PlanJson.write(plan, SampleCommands.INSTANCE);
    assertEquals(plan, PlanJson.read(json));
    // Reading ignores the commands: the spec is what gets applied.
    assertEquals(plan, PlanJson.read(PlanJson.write(plan, CommandPreview.NONE)));
  }

  @Test
  void divergencesRoundTripAndAreAbsentWhenThereAreNone() {
    Plan base = SamplePlans.full();
    assertFalse(PlanJson.write(base, CommandPreview.NONE).contains("\"divergences\""));
    Plan plan =
        new Plan(
            base.commit(),
            base.fingerprint(),
            base.changes(),
            base.refused(),
            base.warnings(),
            List.of(
                new Divergence.Resized(
                    "pg-data", "alpha", Layer.STORAGE, "vg0/pg-data_00000", 10L << 30, 12L << 30)));
    String json = PlanJson.write(plan, CommandPreview.NONE);
    JsonNode d = parse(json).get("divergences").get(0);
    assertEquals("resized", d.get("kind").asString());
    assertEquals(12L << 30, d.get("observed").asLong());
    assertEquals(plan, PlanJson.read(json));
  }

  @Test
  void aPlanWrittenBeforeTheDeleteMarkerReadsItAsFalse() {
    String json = PlanJson.write(SamplePlans.full(), CommandPreview.NONE);
    assertTrue(json.contains("\"deleteMarker\": true"), "old-db is written with its marker");
    String old = json.replaceAll(",\\s*\"deleteMarker\": (true|false)", "");
    assertFalse(old.contains("deleteMarker"));
    Plan read = PlanJson.read(old);
    for (var c : read.changes()) {
      if (c.spec() instanceof ObjectSpec.Lv lv) {
        assertFalse(lv.deleteMarker(), c::id);
      }
      if (c.spec() instanceof ObjectSpec.StorageSnapshot snap) {
        assertFalse(snap.deleteMarker(), c::id);
      }
    }
  }

  @Test
  void writingIsByteStable() {
    String a = PlanJson.write(SamplePlans.full(), SampleCommands.INSTANCE);
    String b = PlanJson.write(PlanJson.read(a), SampleCommands.INSTANCE);
    assertEquals(a, b);
    assertTrue(a.endsWith("}\n"));
    assertFalse(a.contains("\r"));
  }

  @Test
  void hasExactlyTheContractKeysInOrder() {
    JsonNode root = parse(PlanJson.write(SamplePlans.full(), SampleCommands.INSTANCE));
    assertEquals(
        List.of("format", "commit", "fingerprint", "summary", "changes", "refused", "warnings"),
        keys(root));
    assertEquals("strata.plan/v1", root.get("format").stringValue());
    assertEquals(
        List.of(
            "create", "resize", "update", "delete", "connect", "disconnect", "snapshot", "refused"),
        keys(root.get("summary")));
    assertEquals(9, root.get("summary").get("create").intValue());
    assertEquals(2, root.get("summary").get("refused").intValue());
    JsonNode first = root.get("changes").get(0);
    assertEquals(
        List.of(
            "id",
            "action",
            "layer",
            "node",
            "volume",
            "object",
            "size",
            "dependsOn",
            "reason",
            "commands",
            "spec"),
        keys(first));
    assertEquals("create", first.get("action").stringValue());
    assertEquals("storage", first.get("layer").stringValue());
    assertEquals(List.of("requested", "allocated"), keys(first.get("size")));
    assertEquals("lvcreate", first.get("commands").get(0).get(0).stringValue());
    assertEquals(
        List.of("volume", "node", "reason", "kind", "volumes"), keys(root.get("refused").get(0)));
    assertEquals("safety", root.get("refused").get(0).get("kind").stringValue());
    assertEquals("placement", root.get("refused").get(1).get("kind").stringValue());
    assertEquals("[\"archive\"]", JsonText.compact(root.get("refused").get(1).get("volumes")));
    assertTrue(root.get("refused").get(1).get("node").isNull());
  }

  @Test
  void sizeIsAbsentWhenNotApplicable() {
    JsonNode root = parse(PlanJson.write(SamplePlans.full(), CommandPreview.NONE));
    JsonNode connect = null;
    for (JsonNode c : root.get("changes")) {
      if (c.get("action").stringValue().equals("connect")) {
        connect = c;
      }
    }
    assertFalse(connect.has("size"));
    assertEquals("[]", JsonText.compact(connect.get("commands")));
  }

  @Test
  void changesKeepThePlanOrderAndEveryDependencyComesFirst() {
    Plan plan = SamplePlans.full();
    JsonNode changes = parse(PlanJson.write(plan, CommandPreview.NONE)).get("changes");
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < changes.size(); i++) {
      assertEquals(plan.changes().get(i).id(), changes.get(i).get("id").stringValue());
      index.put(changes.get(i).get("id").stringValue(), i);
    }
    for (int i = 0; i < changes.size(); i++) {
      for (JsonNode dep : changes.get(i).get("dependsOn")) {
        assertTrue(index.get(dep.stringValue()) < i, dep + " must come before change " + i);
      }
    }
  }

  @Test
  void nullCommitIsWrittenAsNull() {
    JsonNode root = parse(PlanJson.write(SamplePlans.empty(), CommandPreview.NONE));
    assertTrue(root.get("commit").isNull());
    assertNull(PlanJson.read(PlanJson.write(SamplePlans.empty(), CommandPreview.NONE)).commit());
  }

  @Test
  void luksSpecCarriesOnlyTheSecretReference() {
    JsonNode root = parse(PlanJson.write(SamplePlans.full(), SampleCommands.INSTANCE));
    JsonNode luks = root.get("changes").get(2).get("spec");
    assertEquals(
        List.of(
            "type",
            "mapping",
            "backingDevice",
            "cipher",
            "keySize",
            "passphraseRef",
            "sizeBytes",
            "freshBacking"),
        keys(luks));
    assertEquals("env:PG_DATA_KEY", luks.get("passphraseRef").stringValue());
  }

  @Test
  void rejectsAnotherFormat() {
    JsonFormatException e =
        assertThrows(
            JsonFormatException.class,
            () -> PlanJson.read("{\"format\": \"strata.plan/v2\", \"changes\": []}"));
    assertTrue(
        e.getMessage().startsWith("plan.json: not a strata.plan/v1 file — "), e.getMessage());
    assertTrue(e.getMessage().contains("strata.plan/v2"));
  }

  @Test
  void rejectsMalformedJsonWithLineAndColumn() {
    JsonFormatException e =
        assertThrows(
            JsonFormatException.class,
            () -> PlanJson.read("{\n  \"format\": \"strata.plan/v1\",\n  ]"));
    assertTrue(
        e.getMessage()
            .startsWith("plan.json: not a strata.plan/v1 file — malformed JSON at line 3"),
        e.getMessage());
  }

  @Test
  void rejectsNonObjectsEmptyFilesAndMissingFormat() {
    assertTrue(
        assertThrows(JsonFormatException.class, () -> PlanJson.read("[1,2]"))
            .getMessage()
            .contains("not a JSON object"));
    assertTrue(
        assertThrows(JsonFormatException.class, () -> PlanJson.read("  "))
            .getMessage()
            .contains("empty"));
    assertTrue(
        assertThrows(JsonFormatException.class, () -> PlanJson.read("{\"changes\": []}"))
            .getMessage()
            .contains("no \"format\""));
  }

  @Test
  void namesThePathOfAWrongField() {
    String json =
        PlanJson.write(SamplePlans.full(), CommandPreview.NONE)
            .replaceFirst("\"requested\": 10737418240", "\"requested\": \"10G\"");
    JsonFormatException e =
        assertThrows(JsonFormatException.class, () -> PlanJson.read(json, "x.json"));
    assertEquals(
        "x.json: changes[0].size.requested: expected a whole number, got \"10G\"", e.getMessage());
  }

  @Test
  void rejectsUnknownActionAndSpecType() {
    String bad =
        PlanJson.write(SamplePlans.full(), CommandPreview.NONE)
            .replaceFirst("\"action\": \"create\"", "\"action\": \"replace\"");
    assertTrue(
        assertThrows(JsonFormatException.class, () -> PlanJson.read(bad))
            .getMessage()
            .contains("changes[0].action: unknown value \"replace\" — expected one of create,"));
    String badType =
        PlanJson.write(SamplePlans.full(), CommandPreview.NONE)
            .replaceFirst("\"type\": \"lv\"", "\"type\": \"lvm\"");
    assertTrue(
        assertThrows(JsonFormatException.class, () -> PlanJson.read(badType))
            .getMessage()
            .contains("changes[0].spec: unknown spec type \"lvm\""));
  }

  @Test
  void rejectsADependencyThatComesLater() {
    Plan plan = SamplePlans.full();
    List<Change> reversed = new ArrayList<>(plan.changes());
    Collections.reverse(reversed);
    Plan bad = new Plan(plan.commit(), plan.fingerprint(), reversed, List.of(), List.of());
    String json = PlanJson.write(bad, CommandPreview.NONE);
    JsonFormatException e = assertThrows(JsonFormatException.class, () -> PlanJson.read(json));
    assertTrue(e.getMessage().contains("which comes after it"), e.getMessage());
  }

  @Test
  void ignoresUnknownFields() {
    String json =
        PlanJson.write(SamplePlans.empty(), CommandPreview.NONE)
            .replaceFirst("\\{", "{\n  \"addedInV1_1\": {\"x\": 1},");
    assertEquals(SamplePlans.empty(), PlanJson.read(json));
  }
}
