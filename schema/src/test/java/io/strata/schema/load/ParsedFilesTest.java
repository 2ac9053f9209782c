package io.strata.schema.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A warm loader reuses unchanged files and still answers exactly as a cold one. */
class ParsedFilesTest {
  static final String TEMPLATE =
      """
      apiVersion: strata.io/v1
      kind: ResourceTemplate
      metadata: {name: local}
      spec: {layers: [storage], placement: {redundancy: 1}}
      """;

  static String volumes(String prefix, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append("---\napiVersion: strata.io/v1\nkind: Volume\n")
          .append("metadata: {name: ")
          .append(prefix)
          .append(i)
          .append("}\nspec: {size: 1 GiB, template: local}\n");
    }
    return b.toString();
  }

  static Map<String, byte[]> files(Map<String, String> text) {
    Map<String, byte[]> out = new TreeMap<>();
    text.forEach((k, v) -> out.put(k, v.getBytes(StandardCharsets.UTF_8)));
    return out;
  }

  @Test
  void onlyChangedFilesAreParsedAndTheResultIsTheColdOne() {
    ParsedFiles cache = new ParsedFiles();
    Map<String, String> repo = new TreeMap<>();
    repo.put("a.yaml", ManifestLoaderTest.SMALL);
    repo.put("t.yaml", TEMPLATE);
    repo.put("v1.yaml", volumes("one-", 5));
    repo.put("v2.yaml", volumes("two-", 5));
    LoadResult first = ManifestLoader.loadBytes(files(repo), cache);
    assertInstanceOf(LoadResult.Valid.class, first);
    assertEquals(0, cache.reused());

    repo.put("v2.yaml", volumes("two-", 7));
    LoadResult second = ManifestLoader.loadBytes(files(repo), cache);
    assertEquals(3, cache.reused(), "a.yaml, t.yaml and v1.yaml unchanged");
    assertEquals(ManifestLoader.loadBytes(files(repo)), second);
    assertEquals(13, ((LoadResult.Valid) second).state().volumes().size(), "1 + 5 + 7 volumes");
  }

  @Test
  void anInvalidChangeAndItsRevertAnswerAsACold() {
    ParsedFiles cache = new ParsedFiles();
    Map<String, String> repo = new TreeMap<>();
    repo.put("a.yaml", ManifestLoaderTest.SMALL);
    repo.put("t.yaml", TEMPLATE);
    repo.put("v1.yaml", volumes("one-", 3));
    ManifestLoader.loadBytes(files(repo), cache);

    repo.put("v2.yaml", volumes("one-", 1) + "---\nkind: Volume\nspec: {size: lots}\n");
    LoadResult bad = ManifestLoader.loadBytes(files(repo), cache);
    assertFalse(bad.valid());
    assertEquals(ManifestLoader.loadBytes(files(repo)), bad, "same errors, same order");

    repo.remove("v2.yaml");
    LoadResult good = ManifestLoader.loadBytes(files(repo), cache);
    assertEquals(ManifestLoader.loadBytes(files(repo)), good);
    assertEquals(3 + 3, cache.reused());
  }
}
