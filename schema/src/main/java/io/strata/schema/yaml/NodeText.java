package io.strata.schema.yaml;

import tools.jackson.databind.JsonNode;

/**
 * Text of any JSON node for messages. Jackson 3's {@code asString()} throws on containers, and a
 * message about a malformed value must never throw.
 */
public final class NodeText {
  private NodeText() {}

  public static String of(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "";
    }
    return n.isContainer() ? n.toString() : n.asString();
  }
}
