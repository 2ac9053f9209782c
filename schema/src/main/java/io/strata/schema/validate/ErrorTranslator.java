package io.strata.schema.validate;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.path.NodePath;
import io.strata.schema.diag.Diagnostic;
import io.strata.schema.diag.DidYouMean;
import io.strata.schema.yaml.NodeText;
import io.strata.schema.yaml.Positions;
import io.strata.schema.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Turns one networknt validation {@link Error} into a located, actionable {@link Diagnostic}. */
final class ErrorTranslator {
  private static final Pattern SECRETISH =
      Pattern.compile("(?i).*(passphrase|password|passwd|secret|key).*");

  private final SchemaFiles files;

  ErrorTranslator(SchemaFiles files) {
    this.files = files;
  }

  /**
   * All errors of one document. A "missing required field" is dropped when a misspelt sibling
   * suggests exactly that field: "unknown field 'sise' — did you mean 'size'?" says it all.
   */
  List<Diagnostic> translateAll(YamlDocument doc, List<Error> errors) {
    Set<String> suggested = new HashSet<>();
    for (Error e : errors) {
      if ("additionalProperties".equals(e.getKeyword())) {
        String parent = pointer(e.getInstanceLocation());
        DidYouMean.suggest(e.getProperty(), allowed(e.getSchemaLocation()))
            .ifPresent(s -> suggested.add(parent + "/" + Positions.escape(s)));
      }
    }
    List<Diagnostic> out = new ArrayList<>();
    for (Error e : errors) {
      String missing =
          pointer(e.getInstanceLocation())
              + "/"
              + Positions.escape(e.getProperty() == null ? "" : e.getProperty());
      if ("required".equals(e.getKeyword()) && suggested.contains(missing)) {
        continue;
      }
      translate(doc, e).ifPresent(out::add);
    }
    return out;
  }

  private List<String> allowed(SchemaLocation loc) {
    List<String> allowed = new ArrayList<>();
    parentOf(loc).path("properties").propertyNames().forEach(allowed::add);
    return allowed;
  }

  Optional<Diagnostic> translate(YamlDocument doc, Error e) {
    String pointer = pointer(e.getInstanceLocation());
    String keyword = String.valueOf(e.getKeyword());
    JsonNode keywordValue = schemaAt(e.getSchemaLocation());
    if (pointer.isEmpty() && keyword.equals("required") && isHeader(e.getProperty())) {
      return Optional.empty();
    }
    if (pointer.equals("/apiVersion") || pointer.equals("/kind")) {
      return Optional.empty();
    }
    String field = field(pointer);
    return Optional.of(
        switch (keyword) {
          case "additionalProperties" -> unknownField(doc, e, pointer);
          case "required" ->
              Diagnostic.at(
                  doc.at(pointer),
                  "missing required field '" + e.getProperty() + "'" + in(field),
                  "add '" + e.getProperty() + ":'" + in(field));
          case "type" ->
              Diagnostic.at(
                  doc.positions().valueAt(pointer),
                  field
                      + " must be "
                      + types(keywordValue)
                      + ", not "
                      + typeOf(e.getInstanceNode()),
                  "write it as " + example(keywordValue));
          case "enum" -> badEnum(doc, pointer, field, e.getInstanceNode(), keywordValue);
          case "const" ->
              Diagnostic.at(
                  doc.positions().valueAt(pointer),
                  field + " must be " + keywordValue,
                  "write " + keywordValue);
          case "minimum", "exclusiveMinimum" ->
              Diagnostic.at(
                  doc.positions().valueAt(pointer),
                  field + " is " + e.getInstanceNode() + ", must be at least " + keywordValue,
                  "use a value of " + keywordValue + " or more");
          case "maximum", "exclusiveMaximum" ->
              Diagnostic.at(
                  doc.positions().valueAt(pointer),
                  field + " is " + e.getInstanceNode() + ", must be at most " + keywordValue,
                  "use a value of " + keywordValue + " or less");
          case "pattern" -> badPattern(doc, pointer, field, e.getInstanceNode(), keywordValue);
          default ->
              Diagnostic.at(
                  doc.positions().valueAt(pointer),
                  field + ": " + e.getMessage(),
                  "see the field's description in the schema");
        });
  }

  private Diagnostic unknownField(YamlDocument doc, Error e, String pointer) {
    String name = e.getProperty();
    String at = pointer + "/" + Positions.escape(name);
    List<String> allowed = allowed(e.getSchemaLocation());
    Optional<String> suggestion = DidYouMean.suggest(name, allowed);
    // A misspelt secret-looking field is most likely a secret pasted inline: say so first.
    boolean secret =
        SECRETISH.matcher(name).matches() && suggestion.map("passphraseRef"::equals).orElse(true);
    if (secret) {
      return Diagnostic.at(
          doc.at(at),
          "field '" + name + "' would hold a secret",
          allowed.contains("passphraseRef")
              ? "never put a passphrase in Git; use passphraseRef: file:… or env:…"
              : "never put a secret in Git; Strata takes secrets only as file:… or env:…"
                  + " references where a field asks for one");
    }
    String where = pointer.isEmpty() ? "" : " in " + field(pointer);
    return Diagnostic.at(
        doc.at(at),
        "unknown field '" + name + "'" + where,
        DidYouMean.hint(name, allowed, "allowed fields: " + String.join(", ", sorted(allowed))));
  }

  private static Diagnostic badEnum(
      YamlDocument doc, String pointer, String field, JsonNode value, JsonNode allowed) {
    List<String> names = new ArrayList<>();
    allowed.values().forEach(v -> names.add(NodeText.of(v)));
    String given = value == null ? "null" : NodeText.of(value);
    return Diagnostic.at(
        doc.positions().valueAt(pointer),
        field + " '" + given + "' is not one of " + String.join(", ", names),
        DidYouMean.hint(given, names, "use one of " + String.join(", ", names)));
  }

  private static Diagnostic badPattern(
      YamlDocument doc, String pointer, String field, JsonNode value, JsonNode pattern) {
    String v = NodeText.of(value);
    if (pattern.asString().equals("^[a-z][a-z0-9-]{0,46}$")) {
      return Diagnostic.at(
          doc.positions().valueAt(pointer),
          field + " '" + v + "' is not a valid name",
          "use 1–47 lowercase letters, digits and '-', starting with a letter");
    }
    return Diagnostic.at(
        doc.positions().valueAt(pointer),
        field + " '" + v + "' does not match " + pattern.asString(),
        "see the field's description in the schema");
  }

  private JsonNode schemaAt(SchemaLocation loc) {
    return files.at(loc.getAbsoluteIri().toString(), pointer(loc.getFragment()));
  }

  /** The schema object that holds the failing keyword (the keyword's parent). */
  private JsonNode parentOf(SchemaLocation loc) {
    String fragment = pointer(loc.getFragment());
    int slash = fragment.lastIndexOf('/');
    String parent = slash <= 0 ? "" : fragment.substring(0, slash);
    return files.at(loc.getAbsoluteIri().toString(), parent);
  }

  static String pointer(NodePath path) {
    StringBuilder b = new StringBuilder();
    if (path == null) {
      return "";
    }
    for (int i = 0; i < path.getNameCount(); i++) {
      b.append('/').append(Positions.escape(String.valueOf(path.getElement(i))));
    }
    return b.toString();
  }

  /** {@code /spec/layers/0} → {@code spec.layers[0]}; the root is "the document". */
  static String field(String pointer) {
    if (pointer.isEmpty()) {
      return "the document";
    }
    StringBuilder b = new StringBuilder();
    for (String part : pointer.substring(1).split("/", -1)) {
      String t = part.replace("~1", "/").replace("~0", "~");
      if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
        b.append('[').append(t).append(']');
      } else {
        b.append(b.length() == 0 ? "" : ".").append(t);
      }
    }
    return b.toString();
  }

  private static String in(String field) {
    return field.equals("the document") ? "" : " under " + field;
  }

  private static boolean isHeader(String property) {
    return "apiVersion".equals(property) || "kind".equals(property);
  }

  private static List<String> sorted(List<String> names) {
    return names.stream().sorted().toList();
  }

  private static String types(JsonNode type) {
    if (type.isArray()) {
      List<String> t = new ArrayList<>();
      type.values().forEach(v -> t.add(article(v.asString())));
      return String.join(" or ", t);
    }
    return article(type.asString());
  }

  private static String article(String type) {
    return switch (type) {
      case "object" -> "a mapping";
      case "array" -> "a list";
      case "integer" -> "an integer";
      case "number" -> "a number";
      case "boolean" -> "true or false";
      case "string" -> "a string";
      default -> type;
    };
  }

  private static String example(JsonNode type) {
    String first = type.isArray() ? type.get(0).asString() : type.asString();
    return switch (first) {
      case "object" -> "a mapping (key: value lines, or {key: value})";
      case "array" -> "a list ([a, b] or '- a' lines)";
      case "integer" -> "a whole number without quotes";
      case "number" -> "a number without quotes";
      case "boolean" -> "true or false";
      default -> "text (quote it if it looks like a number or boolean)";
    };
  }

  static String typeOf(JsonNode n) {
    if (n == null || n.isNull()) {
      return "empty";
    }
    if (n.isObject()) {
      return "a mapping";
    }
    if (n.isArray()) {
      return "a list";
    }
    if (n.isBoolean()) {
      return "a boolean";
    }
    if (n.isIntegralNumber()) {
      return "an integer";
    }
    if (n.isNumber()) {
      return "a number";
    }
    return "a string";
  }
}
