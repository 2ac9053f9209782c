package io.strata.planner.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A JSON value together with where it is ({@code plan.json}, {@code changes[3].size}), so that
 * every accessor can fail with a message that points at the exact value. Missing and {@code null}
 * are the same for optional fields; required fields must be present and of the right type.
 */
final class JsonIn {
  private final String source;
  private final String path;
  private final JsonNode node;

  private JsonIn(String source, String path, JsonNode node) {
    this.source = source;
    this.path = path;
    this.node = node;
  }

  /** The top level of {@code source}; it must be an object. */
  static JsonIn root(String source, JsonNode node, String notAnObject) {
    if (!node.isObject()) {
      throw new JsonFormatException(notAnObject);
    }
    return new JsonIn(source, "", node);
  }

  JsonFormatException error(String message) {
    String at = path.isEmpty() ? "" : path + ": ";
    return new JsonFormatException(source + ": " + at + message);
  }

  String path() {
    return path;
  }

  private String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private JsonNode present(String key, String expected) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      throw new JsonIn(source, child(key), null).error("is missing — expected " + expected);
    }
    return v;
  }

  private JsonFormatException wrong(String key, JsonNode v, String expected) {
    return new JsonIn(source, child(key), v)
        .error("expected " + expected + ", got " + JsonText.compact(v));
  }

  boolean has(String key) {
    JsonNode v = node.get(key);
    return v != null && !v.isNull();
  }

  String str(String key) {
    JsonNode v = present(key, "a string");
    if (!v.isString()) {
      throw wrong(key, v, "a string");
    }
    return v.stringValue();
  }

  /** A string, or null when missing or null. */
  String optStr(String key) {
    return has(key) ? str(key) : null;
  }

  long lng(String key) {
    JsonNode v = present(key, "a whole number");
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw wrong(key, v, "a whole number");
    }
    return v.longValue();
  }

  int integer(String key) {
    long l = lng(key);
    if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
      throw wrong(key, node.get(key), "a whole number that fits in 32 bits");
    }
    return (int) l;
  }

  double dbl(String key) {
    JsonNode v = present(key, "a number");
    if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
      throw wrong(key, v, "a number");
    }
    return v.doubleValue();
  }

  boolean bool(String key) {
    JsonNode v = present(key, "true or false");
    if (!v.isBoolean()) {
      throw wrong(key, v, "true or false");
    }
    return v.booleanValue();
  }

  /** A boolean, or {@code absent} when missing or null (a field added after plans were kept). */
  boolean optBool(String key, boolean absent) {
    return has(key) ? bool(key) : absent;
  }

  /** A required nested object. */
  JsonIn obj(String key) {
    JsonNode v = present(key, "an object");
    if (!v.isObject()) {
      throw wrong(key, v, "an object");
    }
    return new JsonIn(source, child(key), v);
  }

  /** A nested object, or null when missing or null. */
  JsonIn optObj(String key) {
    return has(key) ? obj(key) : null;
  }

  /** The elements of an array of objects; missing or null reads as empty. */
  <T> List<T> objects(String key, Function<JsonIn, T> each) {
    List<T> out = new ArrayList<>();
    if (!has(key)) {
      return out;
    }
    JsonNode v = node.get(key);
    if (!v.isArray()) {
      throw wrong(key, v, "an array");
    }
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      JsonIn in = new JsonIn(source, child(key) + "[" + i + "]", e);
      if (!e.isObject()) {
        throw in.error("expected an object, got " + JsonText.compact(e));
      }
      out.add(each.apply(in));
    }
    return out;
  }

  /** An array of strings; missing or null reads as empty. */
  List<String> strings(String key) {
    List<String> out = new ArrayList<>();
    if (!has(key)) {
      return out;
    }
    JsonNode v = node.get(key);
    if (!v.isArray()) {
      throw wrong(key, v, "an array of strings");
    }
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (!e.isString()) {
        throw new JsonIn(source, child(key) + "[" + i + "]", e)
            .error("expected a string, got " + JsonText.compact(e));
      }
      out.add(e.stringValue());
    }
    return out;
  }

  /** The members of an object, in file order; missing or null reads as empty. */
  Map<String, JsonIn> members(String key) {
    Map<String, JsonIn> out = new LinkedHashMap<>();
    if (!has(key)) {
      return out;
    }
    JsonNode v = node.get(key);
    if (!v.isObject()) {
      throw wrong(key, v, "an object");
    }
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      out.put(e.getKey(), new JsonIn(source, child(key) + "." + e.getKey(), e.getValue()));
    }
    return out;
  }

  /** An object of string values; missing or null reads as empty. */
  Map<String, String> stringMap(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonIn> e : members(key).entrySet()) {
      JsonNode v = e.getValue().node;
      if (!v.isString()) {
        throw e.getValue().error("expected a string, got " + JsonText.compact(v));
      }
      out.put(e.getKey(), v.stringValue());
    }
    return out;
  }

  /** This value, which must be an object (for the values of {@link #members}). */
  JsonIn asObject() {
    if (!node.isObject()) {
      throw error("expected an object, got " + JsonText.compact(node));
    }
    return this;
  }

  /**
   * A lower-case enum name ({@code "create"}, {@code "force-primary"}): {@code -} stands for {@code
   * _}.
   */
  <E extends Enum<E>> E enumValue(String key, Class<E> type) {
    String s = str(key);
    for (E e : type.getEnumConstants()) {
      if (enumName(e).equals(s)) {
        return e;
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(enumName(e));
    }
    throw new JsonIn(source, child(key), node.get(key))
        .error("unknown value \"" + s + "\" — expected one of " + String.join(", ", names));
  }

  /** How enums are spelled in Strata's JSON: lower case, {@code -} for {@code _}. */
  static String enumName(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
