package io.strata.schema.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.schema.diag.Diagnostic;
import io.strata.schema.fuzz.Fuzz;
import io.strata.schema.fuzz.TextEdit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;

/**
 * Fuzzes manifests as they enter from Git (issue 12): whole example repositories ({@code
 * examples/small}, {@code examples/full}) with one file mutated line-wise or byte-wise, random
 * bytes in a repository of valid files, and the shapes that make YAML parsers hang or blow the
 * stack. Every input must end in a {@link LoadResult} — never an exception — and every error must
 * be located ({@code file:line:col} inside the input) and say what to do, on one line. Inputs are
 * bounded by construction; the loader's own bounds (4 MiB per file, 50 aliases) are what keeps a
 * hostile file from hanging it.
 */
class ManifestFuzzProperties {
  private static final List<Map<String, String>> REPOSITORIES =
      List.of(repository("../examples/small/manifests"), repository("../examples/full/manifests"));

  @Provide
  Arbitrary<List<TextEdit>> edits() {
    Arbitrary<String> text =
        Arbitraries.oneOf(
            Arbitraries.of(LoaderRobustnessProperties.TOKENS)
                .list()
                .ofMaxSize(6)
                .map(l -> String.join("", l)),
            Arbitraries.strings().ofMaxLength(12));
    return Combinators.combine(
            Arbitraries.integers().between(0, 6),
            Arbitraries.integers(),
            Arbitraries.integers(),
            text)
        .as(TextEdit::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(4);
  }

  @Fuzz(tries = 400)
  void aRepositoryWithEditedFilesLoadsOrSaysWhere(
      @ForAll("edits") List<TextEdit> edits, @ForAll int repo, @ForAll int file) {
    Map<String, String> files = new TreeMap<>(REPOSITORIES.get(Math.floorMod(repo, 2)));
    List<String> names = new ArrayList<>(files.keySet());
    String name = names.get(Math.floorMod(file, names.size()));
    String text = files.get(name);
    for (TextEdit e : edits) {
      text = e.apply(text);
    }
    files.put(name, text);
    assertLocated(files);
  }

  @Fuzz(tries = 200)
  void randomBytesInAValidRepositoryAreLocatedInTheirFile(
      @ForAll byte[] bytes, @ForAll int at, @ForAll int repo) {
    Map<String, String> valid = REPOSITORIES.get(Math.floorMod(repo, 2));
    Map<String, byte[]> files = new TreeMap<>();
    valid.forEach((k, v) -> files.put(k, v.getBytes(StandardCharsets.UTF_8)));
    String victim = new ArrayList<>(files.keySet()).get(Math.floorMod(at, files.size()));
    byte[] base = files.get(victim);
    int cut = Math.floorMod(at, base.length + 1);
    byte[] mixed = new byte[base.length + Math.min(bytes.length, 512)];
    System.arraycopy(base, 0, mixed, 0, cut);
    System.arraycopy(bytes, 0, mixed, cut, mixed.length - base.length);
    System.arraycopy(base, cut, mixed, cut + mixed.length - base.length, base.length - cut);
    files.put(victim, mixed);
    LoadResult r = ManifestLoader.loadBytes(files);
    assertEquals(r, ManifestLoader.loadBytes(files), "deterministic");
    if (r instanceof LoadResult.Invalid i) {
      for (Diagnostic d : i.errors()) {
        assertTrue(files.containsKey(d.origin().file()), d.toString());
        assertTrue(d.origin().line() >= 1 && d.origin().column() >= 1, d.toString());
      }
    }
  }

  /**
   * The classic parser bombs: each is refused with a located error, quickly and without a crash.
   */
  @Example
  void parserBombsAreRefusedWithALocatedError() {
    String laughs =
        "a: &a [x, x, x, x, x, x, x, x, x]\n"
            + "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
            + "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
            + "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
            + "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n";
    String deep = "a: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n";
    String deepMap = "a: " + "{b: ".repeat(5_000) + "1" + "}".repeat(5_000) + "\n";
    String longKey = "apiVersion: strata.io/v1\nkind: Volume\n" + "k".repeat(200_000) + ": 1\n";
    String recursive = "&a [*a]\n";
    for (String bomb : List.of(laughs, deep, deepMap, longKey, recursive)) {
      LoadResult r = ManifestLoader.loadFiles(Map.of("bomb.yaml", bomb));
      LoadResult.Invalid i = (LoadResult.Invalid) r;
      assertTrue(!i.errors().isEmpty());
      assertLocated(Map.of("bomb.yaml", bomb));
    }
  }

  @Example
  void anOversizedFileIsRefusedWithoutBeingParsed() {
    byte[] big = new byte[5 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'a');
    LoadResult.Invalid i =
        (LoadResult.Invalid) ManifestLoader.loadBytes(Map.of("volumes/big.yaml", big));
    assertEquals("volumes/big.yaml", i.errors().get(0).origin().file());
    assertTrue(i.errors().get(0).message().contains("MiB"), i.errors().get(0).message());
  }

  private static void assertLocated(Map<String, String> files) {
    LoadResult r = ManifestLoader.loadFiles(files);
    assertEquals(r, ManifestLoader.loadFiles(files), "deterministic");
    if (r instanceof LoadResult.Invalid i) {
      assertTrue(!i.errors().isEmpty(), "an invalid result names at least one error");
      for (Diagnostic d : i.errors()) {
        String text = files.get(d.origin().file());
        assertTrue(text != null, "the error names a file of the input: " + d);
        long lines = text.chars().filter(c -> c == '\n').count() + 1;
        assertTrue(
            d.origin().line() >= 1 && d.origin().line() <= lines, "line inside the file: " + d);
        assertTrue(d.origin().column() >= 1, d.toString());
        assertTrue(d.message().contains(" — "), "every message says what to do: " + d);
        assertTrue(!d.message().contains("\n"), "one line per error: " + d);
        assertTrue(!d.message().contains("Exception"), "no exception class in a message: " + d);
      }
    }
  }

  private static Map<String, String> repository(String dir) {
    Path root = Path.of(dir);
    try (Stream<Path> s = Files.walk(root)) {
      Map<String, String> files = new TreeMap<>();
      for (Path p : s.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        files.put(root.relativize(p).toString(), Files.readString(p));
      }
      return Map.copyOf(files);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
