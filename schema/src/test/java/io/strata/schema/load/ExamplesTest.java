package io.strata.schema.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import io.strata.schema.model.ProviderType;
import io.strata.schema.model.SecretRef;
import io.strata.schema.model.Size;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The example repositories under {@code examples/} load without a single error. */
class ExamplesTest {
  static final Path EXAMPLES = Path.of("..", "examples");

  static DesiredState valid(Path root) {
    LoadResult r = ManifestLoader.load(root);
    if (r instanceof LoadResult.Invalid i) {
      throw new AssertionError(root + " must load clean:\n" + i.render());
    }
    return ((LoadResult.Valid) r).state();
  }

  @ParameterizedTest
  @ValueSource(strings = {"small/manifests", "full/manifests"})
  void loadsClean(String example) {
    valid(EXAMPLES.resolve(example));
  }

  @ParameterizedTest
  @ValueSource(strings = {"small/manifests", "full/manifests"})
  void everyFileNamesTheSchemaForEditors(String example) throws IOException {
    try (Stream<Path> s = Files.list(EXAMPLES.resolve(example))) {
      for (Path p : s.toList()) {
        String first = Files.readAllLines(p).get(0);
        assertEquals(
            "# yaml-language-server: $schema=../../../schema/src/main/resources/schemas/strata.schema.json",
            first,
            p.toString());
        Path schema = p.getParent().resolve(first.substring(first.indexOf('=') + 1)).normalize();
        assertTrue(Files.exists(schema), "the relative $schema path must resolve: " + schema);
      }
    }
  }

  @Test
  void smallIsTheDemoRepository() {
    DesiredState s = valid(EXAMPLES.resolve("small/manifests"));
    assertEquals(List.of("alpha", "beta", "gamma"), List.copyOf(s.nodes().keySet()));
    assertEquals(
        List.of("local", "nvme-export", "replicated", "replicated-encrypted"),
        List.copyOf(s.templates().keySet()));
    assertEquals(
        List.of(Layer.DRBD, Layer.LUKS, Layer.STORAGE),
        s.templates().get("replicated-encrypted").layers());
    assertEquals(
        SecretRef.parse("env:STRATA_LUKS_KEY"),
        s.templates().get("replicated-encrypted").luks().passphraseRef());
    assertEquals(2, s.templates().get("replicated").placement().redundancy());
    assertEquals(1, s.templates().get("nvme-export").placement().redundancy());
    assertEquals(ProviderType.ZFS, s.pools().get("gamma-tank").provider().type());
    assertEquals(Size.parse("10 GiB"), s.volumes().get("pg-data").size());
    assertEquals(List.of("gamma"), s.volumes().get("pg-data").access());
    assertEquals(5, s.volumes().size());
  }

  @Test
  void theConfigFileBesideTheManifestsIsNeverAManifest() {
    // Loading the folder that holds strata.yaml reads manifests/ and skips strata.yaml itself.
    LoadResult fromParent = ManifestLoader.load(EXAMPLES.resolve("small"));
    LoadResult fromRoot = ManifestLoader.load(EXAMPLES.resolve("small/manifests"));
    assertEquals(
        ((LoadResult.Valid) fromRoot).documents(), ((LoadResult.Valid) fromParent).documents());
  }

  @Test
  void fullShowsEveryKind() {
    DesiredState s = valid(EXAMPLES.resolve("full/manifests"));
    assertEquals(1, s.snapshots().size());
    assertEquals(Size.parse("1.5 TiB"), s.volumes().get("orders-db").size());
    assertEquals(3.0, s.pools().get("nvme-thin").overcommit());
    assertEquals("majority", s.templates().get("replicated-encrypted").drbd().quorum());
    assertEquals(
        "6007", s.templates().get("replicated-encrypted").drbd().options().get("al-extents"));
  }
}
