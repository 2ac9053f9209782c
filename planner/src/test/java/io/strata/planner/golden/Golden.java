package io.strata.planner.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file assertions: compare an output with a file kept in the source tree, or rewrite the
 * file when the build runs with {@code -Dstrata.regenerate=true} (then review the diff in Git).
 *
 * <p>Paths are relative to the module directory, which is Maven's working directory for tests:
 * {@code Golden.resource("render", "full", "plan.txt")} is {@code
 * src/test/resources/render/full/plan.txt}. Files are compared byte for byte as UTF-8, so line
 * endings and trailing newlines count.
 */
public final class Golden {
  /** The system property that switches from asserting to rewriting. */
  public static final String REGENERATE = "strata.regenerate";

  private Golden() {}

  /** Whether this run rewrites golden files instead of comparing. */
  public static boolean regenerating() {
    return Boolean.parseBoolean(System.getProperty(REGENERATE, "false"));
  }

  /** {@code src/test/resources/<parts…>} in the module's source tree. */
  public static Path resource(String first, String... more) {
    return Path.of("src", "test", "resources").resolve(Path.of(first, more));
  }

  /**
   * Asserts that {@code expected} holds exactly {@code actual}; with {@code
   * -Dstrata.regenerate=true} writes {@code actual} there instead (creating folders) and passes.
   */
  public static void assertMatches(Path expected, String actual) {
    try {
      if (regenerating()) {
        Files.createDirectories(expected.toAbsolutePath().getParent());
        Files.writeString(expected, actual, StandardCharsets.UTF_8);
        return;
      }
      if (!Files.exists(expected)) {
        fail(
            "golden file "
                + expected
                + " does not exist — run the tests with -D"
                + REGENERATE
                + "=true to create it, then review and commit it");
      }
      String want = Files.readString(expected, StandardCharsets.UTF_8);
      assertEquals(
          want,
          actual,
          () ->
              "output differs from golden file "
                  + expected
                  + " — if the change is intended, run with -D"
                  + REGENERATE
                  + "=true and review the diff");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot access golden file " + expected, e);
    }
  }

  /** Reads a golden or input file from the source tree. */
  public static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
