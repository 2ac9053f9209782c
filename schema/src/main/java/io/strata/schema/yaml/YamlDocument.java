package io.strata.schema.yaml;

import io.strata.schema.model.Origin;
import tools.jackson.databind.node.ObjectNode;

/**
 * One non-empty YAML document of a manifest file, as a JSON tree plus the position of every node.
 *
 * @param file path relative to the manifest root, with forward slashes
 * @param index 0-based position of the document within its file
 * @param root the document (always a mapping)
 * @param positions JSON pointer → line and column
 */
public record YamlDocument(String file, int index, ObjectNode root, Positions positions) {
  /** Where the document starts (its first key). */
  public Origin origin() {
    return positions.valueAt("");
  }

  /** The position of a JSON pointer inside this document. */
  public Origin at(String pointer) {
    return positions.at(pointer);
  }
}
