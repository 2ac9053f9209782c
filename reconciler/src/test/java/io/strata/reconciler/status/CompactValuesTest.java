package io.strata.reconciler.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A compact copy compares, hashes and iterates as the values it was made from. */
class CompactValuesTest {
  private static Map<String, Object> volumeFile() {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("device", "/dev/drbd1000");
    node.put("sizeBytes", 10_737_418_240L);
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("kind", "VolumeStatus");
    file.put("observedCommit", "a87dc3b");
    file.put("lastAppliedCommit", null); // commits may be unknown: nulls must survive
    file.put("placement", new ArrayList<>(List.of("n1", "n2")));
    file.put("nodes", new LinkedHashMap<>(Map.of("n1", node)));
    return file;
  }

  @Test
  void theCopyEqualsItsOriginEitherWayRoundAndHashesTheSame() {
    Map<String, Object> origin = volumeFile();
    Object copy = CompactValues.of(origin);
    assertEquals(origin, copy);
    assertEquals(copy, origin);
    assertEquals(origin.hashCode(), copy.hashCode());
    assertEquals(volumeFile(), copy, "a fresh rendering of the same values");
  }

  @Test
  void itKeepsTheOrderAndTheNulls() {
    Map<?, ?> copy = (Map<?, ?>) CompactValues.of(volumeFile());
    assertEquals(
        List.of("kind", "observedCommit", "lastAppliedCommit", "placement", "nodes"),
        new ArrayList<>(copy.keySet()));
    assertTrue(copy.containsKey("lastAppliedCommit"));
    assertNull(copy.get("lastAppliedCommit"));
    assertNull(copy.get("absent"));
  }

  @Test
  void aChangeAnywhereMakesItDiffer() {
    Object copy = CompactValues.of(volumeFile());
    Map<String, Object> commit = volumeFile();
    commit.put("lastAppliedCommit", "a87dc3b");
    assertNotEquals(commit, copy);
    assertNotEquals(copy, commit);
    Map<String, Object> deep = volumeFile();
    @SuppressWarnings("unchecked")
    Map<String, Object> n1 =
        (Map<String, Object>) ((Map<String, Object>) deep.get("nodes")).get("n1");
    n1.put("sizeBytes", 1L);
    assertNotEquals(deep, copy);
    Map<String, Object> list = volumeFile();
    list.put("placement", List.of("n2", "n1"));
    assertNotEquals(list, copy);
  }

  @Test
  void aCopyIsNotCopiedAgain() {
    Object copy = CompactValues.of(volumeFile());
    assertSame(copy, CompactValues.of(copy));
  }

  @Test
  void itCannotBeChanged() {
    @SuppressWarnings("unchecked")
    Map<String, Object> copy = (Map<String, Object>) CompactValues.of(volumeFile());
    assertThrows(UnsupportedOperationException.class, () -> copy.put("kind", "x"));
    @SuppressWarnings("unchecked")
    List<Object> placement = (List<Object>) copy.get("placement");
    assertThrows(UnsupportedOperationException.class, () -> placement.set(0, "x"));
  }
}
