package io.strata.schema.load;

import io.strata.schema.diag.Diagnostic;
import io.strata.schema.diag.DidYouMean;
import io.strata.schema.model.Kind;
import io.strata.schema.yaml.NodeText;
import io.strata.schema.yaml.YamlDocument;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Reads and checks {@code apiVersion} and {@code kind}, which decide how the rest is read. */
final class DocumentHeader {
  static final String API_VERSION = "strata.io/v1";
  private static final List<String> KINDS =
      Arrays.stream(Kind.values()).map(Kind::yamlName).toList();

  private DocumentHeader() {}

  /** The document's kind, or empty when it cannot be told (the reason is added to errors). */
  static Optional<Kind> read(YamlDocument doc, List<Diagnostic> errors) {
    JsonNode api = doc.root().get("apiVersion");
    if (api == null) {
      errors.add(
          Diagnostic.at(
              doc.origin(), "missing apiVersion", "add 'apiVersion: " + API_VERSION + "'"));
    } else if (!api.isString() || !api.asString().equals(API_VERSION)) {
      errors.add(
          Diagnostic.at(
              doc.positions().valueAt("/apiVersion"),
              "apiVersion '" + NodeText.of(api) + "' is not supported",
              "use apiVersion: " + API_VERSION));
    }
    JsonNode kind = doc.root().get("kind");
    if (kind == null) {
      errors.add(
          Diagnostic.at(
              doc.origin(), "missing kind", "add 'kind:' with one of " + String.join(", ", KINDS)));
      return Optional.empty();
    }
    Optional<Kind> k = kind.isString() ? Kind.fromYaml(kind.asString()) : Optional.empty();
    if (k.isEmpty()) {
      errors.add(
          Diagnostic.at(
              doc.positions().valueAt("/kind"),
              "unknown kind '" + NodeText.of(kind) + "'",
              DidYouMean.hint(NodeText.of(kind), KINDS, "use one of " + String.join(", ", KINDS))));
    }
    return k;
  }
}
