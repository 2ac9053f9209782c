package io.strata.schema.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.strata.schema.yaml.SafeYaml;
import io.strata.schema.yaml.YamlDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The shipped JSON Schemas: valid draft 2020-12, strict, documented for editors, and the
 * self-contained {@code strata.schema.json} in sync with the kind files it embeds.
 */
class SchemaFilesTest {
  static final Path DIR = Path.of("src/main/resources/schemas");
  static final List<String> PARTS =
      List.of("common", "node", "storagepool", "resourcetemplate", "volume", "snapshot");
  static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  static JsonNode read(String name) throws IOException {
    return JSON.readTree(Files.readString(DIR.resolve(name + ".schema.json")));
  }

  static SchemaRegistry registry() {
    return SchemaRegistry.withDefaultDialect(
        SpecificationVersion.DRAFT_2020_12,
        b -> b.schemaIdResolvers(r -> r.mapPrefix(SchemaFiles.ID_PREFIX, "classpath:schemas/")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "common",
        "node",
        "storagepool",
        "resourcetemplate",
        "volume",
        "snapshot",
        "strata"
      })
  void isAValidDraft202012SchemaWithItsId(String name) throws IOException {
    JsonNode schema = read(name);
    Schema meta =
        registry().getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    assertEquals(List.of(), meta.validate(schema));
    assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asString());
    assertEquals(SchemaFiles.ID_PREFIX + name + ".schema.json", schema.get("$id").asString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"common", "node", "storagepool", "resourcetemplate", "volume", "snapshot"})
  void isStrictAndDescribesEveryField(String name) throws IOException {
    List<String> problems = new ArrayList<>();
    walk(read(name), "", problems);
    assertEquals(List.of(), problems);
  }

  private static void walk(JsonNode node, String at, List<String> problems) {
    if (node.isObject()) {
      if (node.has("properties") && !node.has("additionalProperties")) {
        problems.add(at + ": object without additionalProperties");
      }
      if (node.has("properties")) {
        for (Map.Entry<String, JsonNode> p : node.get("properties").properties()) {
          JsonNode f = p.getValue();
          if (!f.has("description") && !f.has("$ref")) {
            problems.add(at + "/properties/" + p.getKey() + ": no description");
          }
        }
      }
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        walk(e.getValue(), at + "/" + e.getKey(), problems);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), at + "/" + i, problems);
      }
    }
  }

  /** strata.schema.json embeds every part, so editors need no network and no relative paths. */
  @Test
  void theDispatcherEmbedsTheCurrentKindSchemas() throws IOException {
    ObjectNode bundle = (ObjectNode) read("strata");
    ObjectNode defs = JSON.createObjectNode();
    for (String part : PARTS) {
      ObjectNode s = (ObjectNode) read(part);
      s.remove("$schema");
      defs.set(part, s);
    }
    bundle.set("$defs", defs);
    String expected = JSON.writeValueAsString(bundle) + "\n";
    Path file = DIR.resolve("strata.schema.json");
    if (Boolean.getBoolean("strata.regenerate")) {
      Files.writeString(file, expected, StandardCharsets.UTF_8);
    }
    assertEquals(
        expected,
        Files.readString(file),
        "strata.schema.json is stale; run SchemaFilesTest with -Dstrata.regenerate=true");
  }

  /** The dispatcher alone (as an editor uses it) accepts the examples and rejects a typo. */
  @Test
  void theDispatcherValidatesEveryExampleDocument() throws IOException {
    Schema dispatcher =
        registry().getSchema(SchemaLocation.of(SchemaFiles.ID_PREFIX + "strata.schema.json"));
    int documents = 0;
    for (String example : List.of("small/manifests", "full/manifests")) {
      try (Stream<Path> files = Files.list(Path.of("../examples", example))) {
        for (Path f : files.sorted().toList()) {
          for (YamlDocument d : SafeYaml.parse(f.toString(), Files.readString(f)).documents()) {
            List<Error> errors = dispatcher.validate(d.root());
            assertEquals(List.of(), errors, f + " document " + d.index());
            documents++;
          }
        }
      }
    }
    assertTrue(documents > 30);
    YamlDocument typo =
        SafeYaml.parse(
                "t.yaml",
                "apiVersion: strata.io/v1\nkind: Volume\nmetadata: {name: a}\n"
                    + "spec: {sise: 1, template: t}\n")
            .documents()
            .get(0);
    assertTrue(
        dispatcher.validate(typo.root()).stream().anyMatch(e -> "sise".equals(e.getProperty())),
        "the dispatcher must apply the kind's schema");
  }
}
