package io.strata.executors.secret;

/** A secret reference could not be resolved; the message names the reference, never a value. */
public class SecretUnavailableException extends RuntimeException {
  public SecretUnavailableException(String message) {
    super(message);
  }
}
