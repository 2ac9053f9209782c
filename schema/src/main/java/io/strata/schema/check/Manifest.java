package io.strata.schema.check;

import io.strata.schema.model.Origin;
import io.strata.schema.yaml.YamlDocument;

/**
 * A schema-valid document together with the model record built from it. Checks read the model for
 * meaning and the document for positions (and for raw values the model cannot hold, such as a
 * malformed secret reference).
 */
public record Manifest<T>(YamlDocument doc, T model) {
  /** The position of a JSON pointer inside this document. */
  public Origin at(String pointer) {
    return doc.at(pointer);
  }

  /** The position of the value (not the key) at a JSON pointer. */
  public Origin valueAt(String pointer) {
    return doc.positions().valueAt(pointer);
  }
}
