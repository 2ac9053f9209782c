package io.strata.executors.layer;

import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tolerant JSON reader for tools that print JSON by hand (drbdsetup, nvme-cli, lvm): trailing
 * commas and {@code NaN} are accepted; big unsigned counters become BigIntegers.
 */
public final class Json {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  private Json() {}

  /** Parses {@code text}; throws ObservationException naming {@code what} when it is not JSON. */
  public static JsonNode read(String what, String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw new ObservationException(
          what + ": output is not the JSON expected: " + e.getOriginalMessage(), e);
    }
  }

  /** A string field, or "" when absent or null. */
  public static String str(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isMissingNode() || v.isNull() ? "" : v.asString();
  }
}
