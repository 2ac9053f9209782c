package io.strata.schema.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.schema.load.LoadResult;
import io.strata.schema.load.ManifestLoader;
import io.strata.schema.model.Origin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeYamlTest {
  @Test
  void keepsLineAndColumnOfEveryNode() {
    SafeYaml.Parsed p =
        SafeYaml.parse(
            "f.yaml",
            """
            # comment
            apiVersion: strata.io/v1
            spec:
              layers: [drbd, storage]
              size: 10 GiB
            """);
    YamlDocument d = p.documents().get(0);
    assertEquals(new Origin("f.yaml", 2, 1), d.origin());
    assertEquals(new Origin("f.yaml", 4, 3), d.at("/spec/layers"));
    assertEquals(new Origin("f.yaml", 4, 18), d.at("/spec/layers/1"));
    assertEquals(new Origin("f.yaml", 5, 9), d.positions().valueAt("/spec/size"));
    // an absent pointer falls back to its nearest present ancestor
    assertEquals(new Origin("f.yaml", 3, 1), d.at("/spec/missing/deeper"));
  }

  @Test
  void convertsScalarsByTheirYamlType() {
    YamlDocument d =
        SafeYaml.parse(
                "f.yaml",
                "a: 1\nb: true\nc: null\nd: 1.5\ne: '1'\nf: 0x10\ng: 99999999999999999999\nh: yes\n")
            .documents()
            .get(0);
    assertTrue(d.root().get("a").isInt());
    assertTrue(d.root().get("b").isBoolean());
    assertTrue(d.root().get("c").isNull());
    assertTrue(d.root().get("d").isNumber());
    assertTrue(d.root().get("e").isString());
    assertEquals(16, d.root().get("f").asInt());
    assertTrue(d.root().get("g").isBigInteger());
    assertEquals("yes", d.root().get("h").asString()); // YAML 1.2: not a boolean
  }

  @Test
  void refusesRecursiveAliasesWithoutLooping() {
    SafeYaml.Parsed p = SafeYaml.parse("f.yaml", "a: &x [*x]\n");
    assertEquals(1, p.errors().size());
    assertTrue(p.errors().get(0).message().startsWith("anchor '&x'"), p.errors().toString());
  }

  @Test
  void refusesDeepNestingWithoutAStackOverflow() {
    String deep = "a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
    SafeYaml.Parsed p = SafeYaml.parse("f.yaml", deep);
    assertEquals(0, p.documents().size());
    assertEquals(1, p.errors().size());
  }

  @Test
  void keepsGoodDocumentsBesideABadOne() {
    SafeYaml.Parsed p = SafeYaml.parse("f.yaml", "a: 1\n---\nb: 1\nb: 2\n---\nc: 3\n");
    assertEquals(2, p.documents().size());
    assertEquals(
        "f.yaml:4:1: duplicate key 'b' (first at line 3) — keep only one of them",
        p.errors().get(0).toString());
  }

  @Test
  void decoderRefusesBinaryInvalidUtf8AndHugeInput() {
    assertInstanceOf(
        SourceDecoder.Decoded.Refused.class, SourceDecoder.decode("f", new byte[] {'a', 0, 'b'}));
    assertInstanceOf(
        SourceDecoder.Decoded.Refused.class,
        SourceDecoder.decode("f", new byte[] {'a', (byte) 0xC3, '('}));
    assertInstanceOf(
        SourceDecoder.Decoded.Refused.class,
        SourceDecoder.decode("f", new byte[(int) SourceDecoder.MAX_BYTES + 1]));
    // a byte order mark is dropped, not refused
    var text =
        (SourceDecoder.Decoded.Text)
            SourceDecoder.decode(
                "f", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', ':', ' ', '1'});
    assertEquals("a: 1", text.text());
  }

  @Test
  void hugeFileIsRefusedWithoutReadingIt(@TempDir Path root) throws Exception {
    byte[] big = ("# " + "x".repeat(1000) + "\n").repeat(4200).getBytes(StandardCharsets.UTF_8);
    Files.write(root.resolve("big.yaml"), big);
    var r = ManifestLoader.load(root);
    var invalid = assertInstanceOf(LoadResult.Invalid.class, r);
    assertEquals(
        "big.yaml:1:1: file is "
            + big.length
            + " bytes, larger than the 4 MiB limit for a manifest file — split it into several files\n",
        invalid.render());
  }
}
