package io.strata.planner.golden;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class GoldenTest {
  @Test
  void matchesExactBytesAndFailsOnAnyDifference(@TempDir Path dir) throws Exception {
    if (Golden.regenerating()) {
      return; // In regenerate mode every assertion passes by design.
    }
    Path f = dir.resolve("x.txt");
    Files.writeString(f, "a\nb\n");
    Golden.assertMatches(f, "a\nb\n");
    assertThrows(AssertionFailedError.class, () -> Golden.assertMatches(f, "a\nb"));
    assertThrows(AssertionFailedError.class, () -> Golden.assertMatches(f, "a\r\nb\n"));
    assertThrows(
        AssertionFailedError.class, () -> Golden.assertMatches(dir.resolve("missing.txt"), "a"));
  }
}
