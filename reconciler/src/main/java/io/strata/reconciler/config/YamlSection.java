package io.strata.reconciler.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A typed, strict view of one mapping of {@code strata.yaml}: every getter names the field it
 * reads, and {@link #rejectUnknown()} refuses any key no getter asked for, so that a typo such as
 * {@code pollIntervall} is an error rather than a silently ignored setting.
 */
final class YamlSection {
  private final String file;
  private final String path;
  private final Map<String, Object> values;
  private final Set<String> read = new TreeSet<>();

  YamlSection(String file, String path, Object raw) {
    this.file = file;
    this.path = path;
    if (raw == null) {
      this.values = Map.of();
    } else if (raw instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put(String.valueOf(k), v));
      this.values = copy;
    } else {
      throw error(path, "must be a mapping of keys to values");
    }
  }

  ConfigException error(String field, String what) {
    String where = field.isEmpty() ? "" : field + ": ";
    return new ConfigException(file + ": " + where + what);
  }

  private String field(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  Object raw(String key) {
    read.add(key);
    return values.get(key);
  }

  YamlSection section(String key) {
    return new YamlSection(file, field(key), raw(key));
  }

  String string(String key, String dflt) {
    Object v = raw(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Map || v instanceof List) {
      throw error(field(key), "must be a single value");
    }
    return String.valueOf(v);
  }

  boolean bool(String key, boolean dflt) {
    Object v = raw(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw error(field(key), "must be true or false, got '" + v + "'");
  }

  int integer(String key, int dflt, int min, int max) {
    Object v = raw(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n && n.longValue() >= min && n.longValue() <= max) {
      return n.intValue();
    }
    throw error(
        field(key), "must be a whole number from " + min + " to " + max + ", got '" + v + "'");
  }

  double fraction(String key, double dflt) {
    Object v = raw(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 1) {
      return n.doubleValue();
    }
    throw error(field(key), "must be a number from 0 to 1 (a share of volumes), got '" + v + "'");
  }

  <T> T parsed(String key, T dflt, Function<String, T> parser) {
    String s = string(key, null);
    if (s == null) {
      return dflt;
    }
    try {
      return parser.apply(s);
    } catch (IllegalArgumentException e) {
      throw error(field(key), e.getMessage());
    }
  }

  <E extends Enum<E>> E choice(String key, E dflt, Class<E> type) {
    String s = string(key, null);
    if (s == null) {
      return dflt;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().replace('_', '-').toLowerCase(Locale.ROOT).equals(s)) {
        return e;
      }
    }
    List<String> names =
        Arrays.stream(type.getEnumConstants())
            .map(e -> e.name().replace('_', '-').toLowerCase(Locale.ROOT))
            .toList();
    throw error(field(key), "'" + s + "' is not one of " + String.join(" | ", names));
  }

  List<Object> list(String key) {
    Object v = raw(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        if (l.get(i) == null) {
          // a bare '-' (the config fuzzer found it throwing a NullPointerException)
          throw error(field(key) + "[" + i + "]", "is empty — give it a value or remove the '-'");
        }
      }
      return List.copyOf(l);
    }
    throw error(field(key), "must be a list");
  }

  Set<String> keys() {
    return values.keySet();
  }

  String path() {
    return path;
  }

  String file() {
    return file;
  }

  /** Refuses keys that no getter read. Call after reading every known field. */
  void rejectUnknown() {
    for (String k : values.keySet()) {
      if (!read.contains(k)) {
        throw error(
            field(k), "unknown setting; known here: " + String.join(", ", new TreeSet<>(read)));
      }
    }
  }
}
