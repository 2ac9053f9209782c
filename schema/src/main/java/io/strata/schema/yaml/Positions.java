package io.strata.schema.yaml;

import io.strata.schema.model.Origin;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value of one YAML document was written, keyed by JSON pointer ({@code /spec/size},
 * {@code /spec/layers/0}). For a mapping entry the key's position is kept as well, because "unknown
 * field" and "missing value" errors read best pointing at the key.
 */
public final class Positions {
  private final String file;
  private final Map<String, Origin> values = new HashMap<>();
  private final Map<String, Origin> keys = new HashMap<>();

  Positions(String file) {
    this.file = file;
  }

  void value(String pointer, Origin origin) {
    values.put(pointer, origin);
  }

  void key(String pointer, Origin origin) {
    keys.put(pointer, origin);
  }

  public String file() {
    return file;
  }

  /**
   * The position for a JSON pointer: the key of a mapping entry, else the value (sequence items,
   * the root); for a pointer to something absent, the nearest present ancestor.
   */
  public Origin at(String pointer) {
    String p = pointer;
    while (true) {
      Origin o = keys.get(p);
      if (o == null) {
        o = values.get(p);
      }
      if (o != null) {
        return o;
      }
      if (p.isEmpty()) {
        return new Origin(file, 1, 1);
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  /** The position of the value itself (not its key), or {@link #at} when none is recorded. */
  public Origin valueAt(String pointer) {
    Origin o = values.get(pointer);
    return o != null ? o : at(pointer);
  }

  /**
   * Escapes one reference token as RFC 6901 says ({@code ~} → {@code ~0}, {@code /} → {@code ~1}).
   */
  public static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
