package io.strata.schema.validate;

import io.strata.schema.model.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * The JSON Schemas shipped in {@code schemas/} on the classpath, by their {@code $id}. Kept as raw
 * trees too, so that error messages can list what a schema allows (field names, enum values).
 */
public final class SchemaFiles {
  /** The {@code $id} prefix of every Strata schema; mapped to {@code classpath:schemas/}. */
  public static final String ID_PREFIX = "https://strata.io/schemas/v1/";

  private static final String[] FILES = {
    "common", "node", "storagepool", "resourcetemplate", "volume", "snapshot", "strata"
  };

  private final Map<String, JsonNode> byId = new HashMap<>();

  SchemaFiles() {
    JsonMapper mapper = JsonMapper.builder().build();
    for (String f : FILES) {
      String path = "schemas/" + f + ".schema.json";
      try (InputStream in = SchemaFiles.class.getClassLoader().getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalStateException("missing schema resource " + path);
        }
        byId.put(ID_PREFIX + f + ".schema.json", mapper.readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The schema file name of a kind: {@code StoragePool} → {@code storagepool.schema.json}. */
  public static String fileOf(Kind kind) {
    return kind.yamlName().toLowerCase(Locale.ROOT) + ".schema.json";
  }

  /** The raw schema node at {@code fragment} (a JSON pointer) of the schema with this id. */
  JsonNode at(String id, String fragment) {
    JsonNode root = byId.get(id);
    return root == null ? MissingNode.getInstance() : root.at(fragment);
  }
}
