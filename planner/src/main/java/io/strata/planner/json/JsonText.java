package io.strata.planner.json;

import java.io.OutputStream;
import java.util.Iterator;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;
import tools.jackson.databind.util.RawValue;

/**
 * Parsing and byte-stable printing of JSON trees.
 *
 * <p>The pretty form is Strata's own rather than Jackson's default pretty printer: objects one key
 * per line with 2-space indent and {@code "key": value}, arrays of scalars on one line (an argv
 * reads as a command), arrays holding objects or arrays one element per line, {@code \n} line ends
 * on every platform and a final newline. Key order is the insertion order of the tree, which the
 * codecs fix.
 */
public final class JsonText {
  static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private JsonText() {}

  /** A new empty object node. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /**
   * Parses {@code json}; a syntax error becomes a {@link JsonFormatException} that starts with
   * {@code what} (e.g. {@code "plan.json: not a strata.plan/v1 file"}) and gives line and column.
   */
  public static JsonNode parse(String json, String what) {
    if (json == null || json.isBlank()) {
      throw new JsonFormatException(what + " — the file is empty");
    }
    try {
      return MAPPER.readTree(json);
    } catch (JacksonException e) {
      TokenStreamLocation loc = e.getLocation();
      String where =
          loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      throw new JsonFormatException(
          what + " — malformed JSON" + where + ": " + e.getOriginalMessage(), e);
    }
  }

  /** The compact form: no whitespace at all (used for hashing). */
  public static String compact(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  /** The same compact JSON, as UTF-8 bytes written to {@code out} instead of held. */
  public static void compact(JsonNode node, OutputStream out) {
    MAPPER.writeValue(out, node);
  }

  /**
   * A node whose value is {@code json}, written as it is by both forms: text already rendered by
   * {@link #fragment} (pretty) or {@link #compact(JsonNode)}, for the place it will be written at.
   */
  public static JsonNode raw(String json) {
    return JsonNodeFactory.instance.rawValueNode(new RawValue(json));
  }

  /**
   * The pretty form of {@code node} as written at {@code depth} inside a larger tree (its lines
   * indented for that depth), without the final newline.
   */
  public static String fragment(JsonNode node, int depth) {
    StringBuilder out = new StringBuilder(256);
    write(node, depth, out);
    return out.toString();
  }

  /**
   * A raw value taken from a range of a text already rendered, that records where the last {@link
   * #pretty} put it: the next rendering can take it from there in turn, so that a large document is
   * held once rather than once whole and once in pieces. Not thread-safe.
   */
  public static final class Span {
    private final String text;
    private final int from;
    private final int to;
    private int writtenFrom = -1;
    private int writtenTo = -1;

    private Span(String text, int from, int to) {
      this.text = text;
      this.from = from;
      this.to = to;
    }

    /** All of {@code text}. */
    public static Span of(String text) {
      return new Span(text, 0, text.length());
    }

    /** {@code text} from {@code from} to {@code to}. */
    public static Span of(String text, int from, int to) {
      return new Span(text, from, to);
    }

    /** The raw node to put into a tree. */
    public JsonNode node() {
      return JsonNodeFactory.instance.pojoNode(this);
    }

    /** Where the last {@link #pretty} wrote it: {@code [from, to)} of its result. */
    public int writtenFrom() {
      return writtenFrom;
    }

    public int writtenTo() {
      return writtenTo;
    }

    private void writeTo(StringBuilder out) {
      writtenFrom = out.length();
      out.append(text, from, to);
      writtenTo = out.length();
    }

    @Override
    public String toString() {
      return text.substring(from, to);
    }
  }

  /** The pretty form described above, ending with a newline. */
  public static String pretty(JsonNode node) {
    StringBuilder out = new StringBuilder(4096);
    write(node, 0, out);
    return out.append('\n').toString();
  }

  private static void write(JsonNode node, int depth, StringBuilder out) {
    if (node.isObject()) {
      writeObject(node, depth, out);
    } else if (node.isArray()) {
      writeArray(node, depth, out);
    } else if (node.isString()) {
      string(node.stringValue(), out);
    } else if (node.isNull()) {
      out.append("null");
    } else if (node instanceof POJONode p && p.getPojo() instanceof Span span) {
      span.writeTo(out);
    } else if (node instanceof POJONode p && p.getPojo() instanceof RawValue r) {
      out.append(r.rawValue());
    } else if (node.isBoolean()) {
      out.append(node.booleanValue());
    } else if (node.isIntegralNumber()) {
      out.append(node.bigIntegerValue());
    } else {
      // Floating point (DRBD sync percentages): Jackson's own rendering, shortest round-trip form.
      out.append(MAPPER.writeValueAsString(node));
    }
  }

  /**
   * A JSON string literal: quote and backslash escaped, control characters as short escapes or
   * six-character unicode escapes, everything else (all of Unicode) as is. Written here rather than
   * through Jackson per value because that was most of the time of writing a large plan.
   */
  static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void writeObject(JsonNode node, int depth, StringBuilder out) {
    if (node.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      newline(depth + 1, out);
      string(e.getKey(), out);
      out.append(": ");
      write(e.getValue(), depth + 1, out);
      if (it.hasNext()) {
        out.append(',');
      }
    }
    newline(depth, out);
    out.append('}');
  }

  private static void writeArray(JsonNode node, int depth, StringBuilder out) {
    if (node.isEmpty()) {
      out.append("[]");
      return;
    }
    boolean flat = true;
    for (JsonNode e : node) {
      flat &= e.isValueNode();
    }
    out.append('[');
    for (int i = 0; i < node.size(); i++) {
      if (flat) {
        out.append(i == 0 ? "" : ", ");
      } else {
        newline(depth + 1, out);
      }
      write(node.get(i), depth + 1, out);
      if (!flat && i < node.size() - 1) {
        out.append(',');
      }
    }
    if (!flat) {
      newline(depth, out);
    }
    out.append(']');
  }

  private static void newline(int depth, StringBuilder out) {
    out.append('\n');
    out.append("  ".repeat(depth));
  }
}
