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

  /** A string field, or "" when absent or null; an array or object there is refused. */
  public static String str(JsonNode n, String field) {
    JsonNode v = n.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return "";
    }
    if (!v.isValueNode()) {
      throw new ObservationException(
          "field '"
              + field
              + "' is "
              + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
              + ", expected a value");
    }
    return v.asString();
  }

  /**
   * Runs a parser of {@code tool}'s answer so that whatever in the answer it trips on becomes an
   * {@link ObservationException} naming the tool (the node is then unknown) — never a raw exception
   * reaching the operator as a stack trace. Found by fuzzing the parsers (issue 12).
   */
  public static <T> T refusing(String tool, java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (ObservationException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(tool)) {
        throw e;
      }
      throw new ObservationException(tool + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new ObservationException(
          tool
              + ": answer not understood ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ") — another version of the tool?",
          e);
    }
  }

  /** A name read from {@code tool}'s answer: a blank one means the answer was not understood. */
  public static String name(String tool, String what, String value) {
    if (value == null || value.isBlank()) {
      throw new ObservationException(tool + ": a " + what + " without a name in the answer");
    }
    return value;
  }
}
