package io.strata.executors.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.json.JsonMapper;

/**
 * The end of a JSON document is found where Jackson finds it, however the output is cut into chunks
 * and whatever the strings hold — brackets, escaped quotes, backslashes, non-ASCII — so an early
 * answer is never a cut-off document nor one that misses its end (decision 045).
 */
class JsonDocumentEndProperties {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Property(tries = 300)
  void theEndIsWhereJacksonEndsTheDocument(
      @ForAll("documents") Object value,
      @ForAll @IntRange(max = 3) int leading,
      @ForAll("trailing") String trailing,
      @ForAll @Size(max = 6) List<@IntRange(min = 1, max = 64) Integer> cuts) {
    String document = " ".repeat(leading) + JSON.writeValueAsString(value);
    byte[] out = (document + trailing).getBytes(StandardCharsets.UTF_8);
    long expected = jacksonEnd(out);
    assertEquals(document.getBytes(StandardCharsets.UTF_8).length, expected, "the test's own sum");
    assertEquals(expected, scan(out, cuts));
  }

  @Example
  void realToolsReportsEndWhereTheirDocumentDoes() throws IOException {
    Path fixtures = Path.of("src/test/resources/fixtures");
    List<Path> outs;
    try (Stream<Path> s = Files.walk(fixtures)) {
      outs = s.filter(p -> p.getFileName().toString().matches(".*json.*\\.out")).toList();
    }
    assertTrue(outs.size() >= 10, "the captured JSON outputs: " + outs);
    int complete = 0;
    for (Path p : outs) {
      byte[] out = Files.readAllBytes(p);
      if (out.length == 0 || out[firstNonBlank(out)] != '{' && out[firstNonBlank(out)] != '[') {
        continue;
      }
      long end = scan(out, List.of(7, 4096));
      assertEquals(jacksonEnd(out), end, p.toString());
      if (end > 0) {
        complete++;
        assertTrue(new String(out, StandardCharsets.UTF_8).substring((int) end).isBlank(), p + "");
      }
    }
    // one capture (vm-luksDump-json) was cut short: no end is found in it, as Jackson finds none
    assertTrue(complete >= 10, complete + " complete documents");
  }

  @Example
  void outputThatIsNoDocumentHasNoEnd() {
    assertEquals(-1, scan("Volume group \"vg0\" not found\n".getBytes(), List.of()));
    assertEquals(-1, scan("".getBytes(), List.of()));
    assertEquals(-1, scan("  {\"report\": [ {\"vg\": [".getBytes(), List.of(3)));
    assertEquals(-1, scan("{\"a\": \"}\\\"}\"".getBytes(), List.of()), "still inside the string");
  }

  @Example
  void nothingAfterTheFirstDocumentCounts() {
    assertEquals(2, scan("{}{\"a\":1}\n".getBytes(), List.of(1)));
    JsonDocumentEnd end = new JsonDocumentEnd();
    end.chunk("[1".getBytes(), 0, 2);
    assertFalse(end.reached().isDone(), "no end before the last bracket");
    end.chunk("]\n".getBytes(), 0, 2);
    assertEquals(3, end.reached().getNow(-2L), "the end is known while the stream is still open");
    end.closed();
    assertEquals(3, end.reached().join(), "closing after the end changes nothing");
  }

  /** Feeds {@code out} in chunks of the given sizes (the rest in one), then closes the stream. */
  private static long scan(byte[] out, List<Integer> cuts) {
    JsonDocumentEnd end = new JsonDocumentEnd();
    int at = 0;
    for (int n : cuts) {
      int len = Math.min(n, out.length - at);
      end.chunk(out, at, len);
      at += len;
    }
    end.chunk(out, at, out.length - at);
    end.closed();
    return end.reached().join();
  }

  /** Where Jackson ends the first value of {@code out}, or -1 when it is cut short. */
  private static long jacksonEnd(byte[] out) {
    try (JsonParser p = JSON.createParser(out)) {
      p.nextToken();
      p.skipChildren();
      return p.currentLocation().getByteOffset();
    } catch (JacksonException e) {
      return -1;
    }
  }

  private static int firstNonBlank(byte[] out) {
    int i = 0;
    while (i < out.length - 1 && Character.isWhitespace(out[i])) {
      i++;
    }
    return i;
  }

  @Provide
  Arbitrary<Object> documents() {
    Arbitrary<Object> leaf =
        Arbitraries.oneOf(
            Arbitraries.strings()
                .withChars("{}[]\"\\:,/ abc\n\t\u00e9\u4e2d\u0001")
                .ofMaxLength(12)
                .map(s -> (Object) s),
            Arbitraries.integers().map(i -> (Object) i),
            Arbitraries.of(true, false).map(b -> (Object) b));
    Arbitrary<Object> level = leaf;
    for (int depth = 0; depth < 3; depth++) {
      Arbitrary<Object> inner = level;
      level =
          Arbitraries.oneOf(
              leaf,
              inner.list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l)),
              Arbitraries.maps(Arbitraries.strings().withChars("{}\"\\k ").ofMaxLength(5), inner)
                  .ofMaxSize(4)
                  .map(m -> (Object) new LinkedHashMap<String, Object>(m)));
    }
    // a document is an object or an array at its top
    return Arbitraries.oneOf(
        level.list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l)),
        Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(4), level)
            .ofMaxSize(4)
            .map(m -> (Object) (Map<String, Object>) new LinkedHashMap<>(m)));
  }

  @Provide
  Arbitrary<String> trailing() {
    return Arbitraries.strings().withChars(" \n\t{}[]\"x").ofMaxLength(6);
  }
}
