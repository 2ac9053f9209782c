package io.strata.schema.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code metadata}: a name unique per kind, free-form labels, and where the document was written.
 */
public record Metadata(String name, Map<String, String> labels, Origin origin) {
  public Metadata {
    labels = labels == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
    origin = origin == null ? Origin.UNKNOWN : origin;
  }

  public static Metadata named(String name) {
    return new Metadata(name, Map.of(), Origin.UNKNOWN);
  }
}
