package io.strata.schema.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of bad repositories: each folder under {@code src/test/resources/bad/} is a manifest
 * root plus {@code expected.txt}, the exact error lines. Run with {@code -Dstrata.regenerate=true}
 * to rewrite every expected.txt from the current output (then review the diff).
 */
class BadRepositoryTest {
  static final Path CORPUS = Path.of("src/test/resources/bad");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> s = Files.list(CORPUS)) {
      return s
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsExactlyTheExpectedErrors(String name) throws IOException {
    Path dir = CORPUS.resolve(name);
    LoadResult result = ManifestLoader.load(dir);
    assertFalse(result.valid(), name + " must be invalid");
    String actual = ((LoadResult.Invalid) result).render();
    Path expected = dir.resolve("expected.txt");
    if (Boolean.getBoolean("strata.regenerate")) {
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
      return;
    }
    assertTrue(
        Files.exists(expected), "missing " + expected + "; run with -Dstrata.regenerate=true");
    assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isDeterministicAndTheSameFromBytes(String name) throws IOException {
    Path dir = CORPUS.resolve(name);
    var files = new TreeMap<String, byte[]>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        List<String> parts = new ArrayList<>();
        dir.relativize(p).forEach(x -> parts.add(x.toString()));
        files.put(String.join("/", parts), Files.readAllBytes(p));
      }
    }
    assertEquals(ManifestLoader.load(dir), ManifestLoader.loadBytes(files));
  }
}
