package io.strata.reconciler.config;

/**
 * A {@code strata.yaml} that cannot be used; the message names the file, the field and what to do.
 */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
