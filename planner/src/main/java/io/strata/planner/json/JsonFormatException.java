package io.strata.planner.json;

/**
 * A JSON file that cannot be read as what it claims to be. The message names the source, the JSON
 * path of the offending value and what is expected, e.g. {@code plan.json:
 * changes[3].size.requested: expected a whole number of bytes, got "10G"}.
 */
public final class JsonFormatException extends RuntimeException {
  public JsonFormatException(String message) {
    super(message);
  }

  public JsonFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
