package io.strata.reconciler.web;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code docs/api/openapi.yaml} as a test oracle: the documented paths, and validation of a
 * response body against the schema the file gives for (path, status). The schemas are validated in
 * place (a {@code $ref} into the whole document), so the test checks the file as published.
 */
public final class OpenApiContract {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final JsonNode doc;
  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  private OpenApiContract(JsonNode doc) {
    this.doc = doc;
  }

  /** Loads the file from the repository root (the tests run in {@code reconciler/}). */
  public static OpenApiContract load() {
    Path file = Path.of("..", "docs", "api", "openapi.yaml");
    try {
      Object yaml = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
      return new OpenApiContract(JSON.valueToTree(yaml));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public JsonNode document() {
    return doc;
  }

  /** The documented paths, e.g. {@code /api/v1/volumes/{name}}. */
  public List<String> paths() {
    List<String> out = new ArrayList<>();
    doc.get("paths").propertyNames().forEach(out::add);
    return out;
  }

  /** Whether {@code path} documents a JSON body for {@code status}. */
  public boolean hasJsonSchema(String path, int status) {
    return doc.at(responsePointer(path, status)).path("content").has("application/json");
  }

  /** Schema errors of {@code body} against the documented response of (path, status). */
  public List<String> validate(String path, int status, String body) {
    String pointer = responsePointer(path, status) + "/content/application~1json/schema";
    if (doc.at(pointer).isMissingNode()) {
      throw new AssertionError(path + " documents no JSON body for " + status);
    }
    ObjectNode root = (ObjectNode) doc.deepCopy();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$ref", "#" + pointer);
    Schema schema = registry.getSchema(SchemaLocation.of("https://strata.io/openapi.json"), root);
    List<String> out = new ArrayList<>();
    for (Error e : schema.validate(JSON.readTree(body))) {
      out.add(e.toString());
    }
    return out;
  }

  /** The JSON pointer of the documented response, following a {@code $ref} to components. */
  private String responsePointer(String path, int status) {
    String pointer = "/paths/" + escape(path) + "/get/responses/" + status;
    JsonNode r = doc.at(pointer);
    if (r.isMissingNode()) {
      throw new AssertionError(path + " documents no " + status + " response");
    }
    return r.has("$ref") ? r.get("$ref").asString().substring(1) : pointer;
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
