package io.strata.schema.yaml;

import io.strata.schema.diag.Diagnostic;
import io.strata.schema.model.Origin;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts a composed YAML node tree into a Jackson tree, recording the position of every node and
 * refusing what manifests never need and what makes YAML dangerous: anchors and aliases, duplicate
 * keys, non-scalar keys, deep nesting.
 */
final class NodeConverter {
  static final int MAX_DEPTH = 64;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final String file;
  private final Positions positions;
  private final List<Diagnostic> errors;

  NodeConverter(String file, Positions positions, List<Diagnostic> errors) {
    this.file = file;
    this.positions = positions;
    this.errors = errors;
  }

  /** The JSON form of {@code node}, or null when it was refused (the reason is in errors). */
  JsonNode convert(Node node, String pointer, int depth) {
    Origin at = origin(node.getStartMark());
    positions.value(pointer, at);
    if (node.getAnchor().isPresent()) {
      // Stopping at every anchored node also keeps recursive aliases from looping forever.
      errors.add(
          Diagnostic.at(
              at,
              "anchor '&" + node.getAnchor().get().getValue() + "' is not allowed in manifests",
              "write the value out instead of using anchors and aliases (&name / *name)"));
      return null;
    }
    if (depth > MAX_DEPTH) {
      errors.add(
          Diagnostic.at(
              at,
              "nesting deeper than " + MAX_DEPTH + " levels",
              "manifests are shallow; check the indentation"));
      return null;
    }
    if (node instanceof MappingNode m) {
      return mapping(m, pointer, depth);
    }
    if (node instanceof SequenceNode s) {
      ArrayNode array = JSON.arrayNode();
      int i = 0;
      for (Node item : s.getValue()) {
        JsonNode v = convert(item, pointer + "/" + i, depth + 1);
        array.add(v == null ? JSON.nullNode() : v);
        i++;
      }
      return array;
    }
    return scalar((ScalarNode) node);
  }

  private ObjectNode mapping(MappingNode m, String pointer, int depth) {
    ObjectNode object = JSON.objectNode();
    Map<String, Origin> seen = new HashMap<>();
    for (NodeTuple t : m.getValue()) {
      Node keyNode = t.getKeyNode();
      Origin keyAt = origin(keyNode.getStartMark());
      if (!(keyNode instanceof ScalarNode key)) {
        errors.add(
            Diagnostic.at(
                keyAt, "a mapping key must be a plain name", "remove the '? ' complex key"));
        continue;
      }
      String name = key.getValue();
      Origin first = seen.putIfAbsent(name, keyAt);
      if (first != null) {
        errors.add(
            Diagnostic.at(
                keyAt,
                "duplicate key '" + name + "' (first at line " + first.line() + ")",
                "keep only one of them"));
        continue;
      }
      String child = pointer + "/" + Positions.escape(name);
      positions.key(child, keyAt);
      JsonNode v = convert(t.getValueNode(), child, depth + 1);
      object.set(name, v == null ? JSON.nullNode() : v);
    }
    return object;
  }

  private static JsonNode scalar(ScalarNode s) {
    String v = s.getValue();
    Tag tag = s.getTag();
    if (Tag.NULL.equals(tag)) {
      return JSON.nullNode();
    }
    if (Tag.BOOL.equals(tag)) {
      return JSON.booleanNode(v.toLowerCase(Locale.ROOT).equals("true"));
    }
    if (Tag.INT.equals(tag)) {
      BigInteger i = integer(v);
      if (i != null) {
        return i.bitLength() < 32
            ? JSON.numberNode(i.intValue())
            : i.bitLength() < 64 ? JSON.numberNode(i.longValue()) : JSON.numberNode(i);
      }
    }
    if (Tag.FLOAT.equals(tag)) {
      try {
        return JSON.numberNode(new BigDecimal(v));
      } catch (NumberFormatException e) {
        return JSON.stringNode(v); // .inf, .nan: never meaningful in a manifest; schema rejects
      }
    }
    return JSON.stringNode(v);
  }

  private static BigInteger integer(String v) {
    try {
      String t = v.startsWith("+") ? v.substring(1) : v;
      if (t.startsWith("0x")) {
        return new BigInteger(t.substring(2), 16);
      }
      if (t.startsWith("0o")) {
        return new BigInteger(t.substring(2), 8);
      }
      return new BigInteger(t);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  Origin origin(Optional<Mark> mark) {
    return mark.map(m -> new Origin(file, m.getLine() + 1, m.getColumn() + 1))
        .orElse(new Origin(file, 1, 1));
  }
}
