package io.strata.reconciler.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.strata.schema.fuzz.Fuzz;
import io.strata.schema.fuzz.TextEdit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;

/**
 * Fuzzes {@code strata.yaml} (issue 12): the shipped example and the full ARCHITECTURE §12 example,
 * edited line by line, with keys and values of the real schema spliced in, and random bytes. The
 * loader either returns a configuration or throws a {@link ConfigException} whose one-line message
 * names the file and what is wrong — never another exception, never a parser's multi-line dump.
 */
class ConfigFuzzProperties {
  private static final Path BASE = Path.of("/srv/strata");
  private static final List<String> SEEDS =
      List.of(read("../examples/small/strata.yaml"), ConfigSamples.FULL);
  private static final List<String> TOKENS =
      List.of(
          "git:",
          "  url: ",
          "  branch: ",
          "  verify: {mode: gpg, trustedKeys: [",
          "]}",
          "http:",
          "  bind: ",
          "  port: ",
          "  allowUnauthenticatedWebhook: ",
          "reconcile:",
          "  mode: ",
          "  heal: ",
          "  maxDestroyFraction: ",
          "  parallelism: {perNode: ",
          "simulation:",
          "  nodes:",
          "    alpha: {volumeGroups: {vg0: ",
          "100GiB",
          "-1",
          "1e400",
          "0x10",
          "30s",
          "5m",
          "-5ms",
          "99999999999999999999h",
          "alerts:",
          "  - {type: ",
          "webhook",
          "slack",
          "url: ",
          "env:",
          "file:",
          "../../etc/passwd",
          "~",
          "null",
          "&a ",
          "*a",
          "!!binary ",
          "? ",
          "- ",
          "{",
          "}",
          "[",
          "]",
          ":",
          ",",
          "'",
          "\"",
          "#",
          "\t",
          "\u00e9",
          "\u0000",
          "\uFEFF",
          " ",
          "\n");

  @Provide
  Arbitrary<List<TextEdit>> edits() {
    Arbitrary<String> text =
        Arbitraries.of(TOKENS).list().ofMaxSize(5).map(l -> String.join("", l));
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
  void anEditedConfigLoadsOrSaysWhatIsWrong(
      @ForAll("edits") List<TextEdit> edits, @ForAll int seed) {
    String text = SEEDS.get(Math.floorMod(seed, SEEDS.size()));
    for (TextEdit e : edits) {
      text = e.apply(text);
    }
    assertLoadsOrRefusesClearly(text);
  }

  @Fuzz(tries = 200)
  void randomBytesAreRefusedClearly(@ForAll byte[] bytes) {
    assertLoadsOrRefusesClearly(new String(bytes, StandardCharsets.UTF_8));
  }

  /** Found by the soak (seed 777): a bare list item was a NullPointerException. */
  @net.jqwik.api.Example
  void anEmptyListItemIsNamed() {
    ConfigException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ConfigException.class,
            () -> ConfigLoader.parse("strata.yaml", "alerts:\n  - \n", BASE));
    assertTrue(e.getMessage().contains("alerts[0]"), e.getMessage());
  }

  /** Found by the soak (seed 777): a bad !!binary value showed a Java exception class. */
  @net.jqwik.api.Example
  void aBadBinaryValueIsAPlainSyntaxError() {
    assertLoadsOrRefusesClearly("!!binary git:git:\n");
  }

  static void assertLoadsOrRefusesClearly(String text) {
    try {
      ConfigLoader.parse("strata.yaml", text, BASE);
    } catch (ConfigException e) {
      String m = e.getMessage();
      assertTrue(m.startsWith("strata.yaml:"), "names the file: " + m);
      assertFalse(m.contains("\n"), "one line: " + m);
      assertFalse(m.contains("Exception"), "no exception class in the message: " + m);
      assertTrue(m.length() < 600, "short: " + m);
    } catch (RuntimeException | StackOverflowError e) {
      fail("strata.yaml loader threw " + e + " for:\n" + text, e);
    }
  }

  private static String read(String p) {
    try {
      return Files.readString(Path.of(p));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
