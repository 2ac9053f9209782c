package io.strata.schema.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.schema.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Bad input never produces an exception, only diagnostics: random YAML-ish token soup, random
 * bytes, and random edits of a valid example all end in a {@link LoadResult}, deterministically.
 */
class LoaderRobustnessProperties {
  static final List<String> TOKENS =
      List.of(
          "apiVersion: strata.io/v1\n",
          "kind: Volume\n",
          "kind: Node\n",
          "kind: ResourceTemplate\n",
          "kind: StoragePool\n",
          "kind: Snapshot\n",
          "metadata:\n",
          "  name: a\n",
          "spec:\n",
          "  size: ",
          "10 GiB",
          "-1",
          "\n",
          "---\n",
          "  ",
          "[",
          "]",
          "{",
          "}",
          ":",
          ",",
          "- ",
          "&a ",
          "*a ",
          "!!str ",
          "? ",
          "|\n",
          ">\n",
          "\t",
          "'",
          "\"",
          "#",
          "layers: ",
          "[drbd, luks]",
          "template: x\n",
          "  connection: {type: ssh}\n",
          "null",
          "~",
          "0x1F",
          "1e400",
          "\u00e9",
          "\u0000");

  @Provide
  Arbitrary<String> soup() {
    return Arbitraries.of(TOKENS).list().ofMaxSize(60).map(l -> String.join("", l));
  }

  @Property(tries = 300)
  void tokenSoupNeverThrows(@ForAll("soup") String text) {
    assertLoads(Map.of("soup.yaml", text));
  }

  @Property(tries = 200)
  void randomBytesNeverThrow(@ForAll @Size(max = 300) byte[] bytes) {
    LoadResult r = ManifestLoader.loadBytes(Map.of("x.yaml", bytes));
    assertEquals(r, ManifestLoader.loadBytes(Map.of("x.yaml", bytes)));
  }

  @Property(tries = 300)
  void editsOfAValidExampleNeverThrow(
      @ForAll @IntRange(min = 0, max = 100_000) int position,
      @ForAll @IntRange(min = 0, max = 20) int deleted,
      @ForAll("soup") String inserted)
      throws IOException {
    String base = Files.readString(Path.of("../examples/small/manifests/templates.yaml"));
    int at = position % (base.length() + 1);
    String edited =
        base.substring(0, at) + inserted + base.substring(Math.min(base.length(), at + deleted));
    assertLoads(Map.of("templates.yaml", edited));
  }

  /** A quoted key may hold a newline; the error about it stays on one line (jqwik found it). */
  @Example
  void aKeyWithANewlineIsReportedOnOneLine() {
    assertLoads(
        Map.of(
            "templates.yaml",
            "apiVersion: strata.io/v1\nkind: ResourceTemplate\n\"name: a\\n\": 1\n"));
  }

  private static void assertLoads(Map<String, String> files) {
    LoadResult r = ManifestLoader.loadFiles(files);
    assertEquals(r, ManifestLoader.loadFiles(files), "deterministic");
    if (r instanceof LoadResult.Invalid i) {
      for (Diagnostic d : i.errors()) {
        assertTrue(files.containsKey(d.origin().file()), d.toString());
        assertTrue(d.origin().line() >= 1 && d.origin().column() >= 1, d.toString());
        assertTrue(d.message().contains(" — "), "every message says what to do: " + d);
        assertTrue(!d.message().contains("\n"), "one line per error: " + d);
      }
    }
  }
}
