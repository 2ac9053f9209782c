package io.strata.schema.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strata.schema.load.LoadResult;
import io.strata.schema.load.ManifestLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the benchmark's generated repository valid as checks are added (a small one). */
class ValidateBenchTest {
  @Test
  void generatedRepositoryIsValid(@TempDir Path root) throws Exception {
    ValidateBench.generate(root, 250);
    LoadResult r = ManifestLoader.load(root);
    if (r instanceof LoadResult.Invalid i) {
      throw new AssertionError(i.render());
    }
    assertEquals(250 + 12 * 2 + 4, ((LoadResult.Valid) r).documents());
  }
}
