package io.strata.planner.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.golden.Golden;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.samples.SampleObserved;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservedJsonTest {

  @Test
  void roundTripsEveryRecord() {
    ObservedState state = SampleObserved.cluster();
    String json = ObservedJson.write(state);
    assertEquals(state, ObservedJson.read(json));
    assertEquals(json, ObservedJson.write(ObservedJson.read(json)));
  }

  @Test
  void isPrettyWithTwoSpacesAndSortedNodes() {
    ObservedState state =
        ObservedState.of(
            Map.of("zeta", NodeState.empty("zeta"), "alpha", NodeState.empty("alpha")), Map.of());
    assertEquals(
        "{\n"
            + "  \"format\": \"strata.observed/v1\",\n"
            + "  \"nodes\": {\n"
            + "    \"alpha\": {},\n"
            + "    \"zeta\": {}\n"
            + "  },\n"
            + "  \"unreachable\": {}\n"
            + "}\n",
        ObservedJson.write(state));
  }

  @Test
  void aHandWrittenMinimalFileReads() {
    String json =
        "{\"nodes\": {\"alpha\": {\"volumeGroups\": [{\"name\": \"vg0\", \"size\": 100,"
            + " \"free\": 50, \"extentSize\": 4}]}}}";
    ObservedState s = ObservedJson.read(json);
    assertEquals(50, s.node("alpha").orElseThrow().volumeGroup("vg0").orElseThrow().free());
    assertTrue(s.unreachable().isEmpty());
  }

  @Test
  void namesThePathOfAMissingField() {
    String json =
        "{\"nodes\": {\"alpha\": {\"zvols\": [{\"dataset\": \"tank/a\", \"volsize\": 1}]}}}";
    JsonFormatException e = assertThrows(JsonFormatException.class, () -> ObservedJson.read(json));
    assertEquals(
        "observed.json: nodes.alpha.zvols[0].used: is missing — expected a whole number",
        e.getMessage());
  }

  @Test
  void rejectsWrongTypesFormatsAndSyntax() {
    assertTrue(
        assertThrows(
                JsonFormatException.class, () -> ObservedJson.read("{\"nodes\": {\"alpha\": []}}"))
            .getMessage()
            .contains("nodes.alpha: expected an object, got []"));
    assertTrue(
        assertThrows(
                JsonFormatException.class,
                () -> ObservedJson.read("{\"format\": \"strata.plan/v1\"}"))
            .getMessage()
            .startsWith("observed.json: not a strata.observed/v1 file — its format is"));
    assertTrue(
        assertThrows(JsonFormatException.class, () -> ObservedJson.read("{\"nodes\": {"))
            .getMessage()
            .contains("malformed JSON"));
    assertTrue(
        assertThrows(
                JsonFormatException.class,
                () -> ObservedJson.read("{\"nodes\": {\"a\": {}, \"a\": {}}}"))
            .getMessage()
            .contains("Duplicate"));
    assertTrue(
        assertThrows(
                JsonFormatException.class,
                () ->
                    ObservedJson.read(
                        "{\"nodes\": {\"a\": {\"zpools\": [{\"name\": \"t\", \"size\": 1.5,"
                            + " \"free\": 1}]}}}"))
            .getMessage()
            .contains("nodes.a.zpools[0].size: expected a whole number, got 1.5"));
  }

  @Test
  void emptyListsAreLeftOut() {
    String json = ObservedJson.write(SampleObserved.cluster());
    assertFalse(json.contains("\"beta\": {\n"), "beta has no objects");
    assertTrue(json.contains("\"beta\": {}"));
  }

  @Test
  void canonicalFormIsPinnedByAGoldenFile() {
    // The fingerprint of every saved plan depends on this form: change it only on purpose.
    String json = ObservedJson.write(SampleObserved.cluster());
    Golden.assertMatches(Golden.resource("json", "observed.json"), json);
    assertEquals(
        SampleObserved.cluster(),
        ObservedJson.read(Golden.read(Golden.resource("json", "observed.json"))));
  }
}
