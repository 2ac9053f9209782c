package io.strata.reconciler.status;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class CommitLinesTest {
  static final Instant NOW = Instant.parse("2026-12-06T00:00:00Z");

  /** Commits a YAML dump writes differently: plain, quoted as a number, quoted as a float, null. */
  static final List<String> COMMITS =
      Arrays.asList(
          "3f2a9c0d1e4b5a6978877665544332211ffeeddc",
          "1234567890123456789012345678901234567890",
          "1e34567890123456789012345678901234567890",
          null);

  static Map<String, Object> file(String commit, String state) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", "VolumeStatus");
    m.put("name", "web");
    m.put("observedCommit", commit);
    m.put("lastAppliedCommit", commit);
    m.put("lastAttemptedCommit", commit);
    m.put("conditions", List.of(Map.of("type", "Ready", "message", "observedCommit: x")));
    m.put("placement", List.of(Map.of("node", "alpha", "replication", Map.of("state", state))));
    return m;
  }

  @Test
  void splicedBytesAreWhatAFullDumpWrites() {
    for (String from : COMMITS) {
      for (String to : COMMITS) {
        Map<String, Object> before = file(from, "UpToDate");
        Map<String, Object> after = file(to, "UpToDate");
        byte[] spliced = new CommitLines().splice(after, before, StatusFiles.yaml(before));
        assertNotNull(spliced, from + " -> " + to);
        assertArrayEquals(
            StatusFiles.yaml(after),
            spliced,
            () -> from + " -> " + to + ":\n" + new String(spliced, StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void anyOtherChangeIsNotSpliced() {
    Map<String, Object> before = file(COMMITS.get(0), "UpToDate");
    assertNull(
        new CommitLines()
            .splice(file(COMMITS.get(1), "Outdated"), before, StatusFiles.yaml(before)));
    Map<String, Object> noCommits = new LinkedHashMap<>(before);
    noCommits.keySet().removeAll(CommitLines.KEYS);
    assertNull(new CommitLines().splice(before, noCommits, StatusFiles.yaml(noCommits)));
  }

  @Test
  void linesNotFoundOnceAtALineStartAreNotSpliced() {
    Map<String, Object> before = file(COMMITS.get(0), "UpToDate");
    byte[] bytes = StatusFiles.yaml(before);
    String twice = new String(bytes, StandardCharsets.UTF_8);
    twice += twice.substring(twice.indexOf("observedCommit"), twice.indexOf("conditions"));
    assertNull(
        new CommitLines()
            .splice(
                file(COMMITS.get(1), "UpToDate"), before, twice.getBytes(StandardCharsets.UTF_8)));
    assertNull(
        new CommitLines().splice(file(COMMITS.get(1), "UpToDate"), before, "kind: X\n".getBytes()));
  }

  @Test
  void aRenderAfterANewHeadIsByteForByteAFreshRender() {
    SortedMap<String, StatusFiles.Rendered> first =
        StatusFiles.render(
            StatusWriterTest.snapshot(true, COMMITS.get(0)), p -> List.of(), NOW, Map.of());
    SortedMap<String, StatusFiles.Rendered> fresh =
        StatusFiles.render(
            StatusWriterTest.snapshot(true, COMMITS.get(1)), p -> List.of(), NOW, Map.of());
    SortedMap<String, StatusFiles.Rendered> next =
        StatusFiles.render(
            StatusWriterTest.snapshot(true, COMMITS.get(1)), p -> List.of(), NOW, first);
    fresh.forEach((path, r) -> assertArrayEquals(r.bytes(), next.get(path).bytes(), path));
  }
}
