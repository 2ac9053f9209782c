package io.strata.schema.model;

import java.util.Locale;

/**
 * A reference to a secret on the reconciler's host ({@code file:/path} or {@code env:NAME}); the
 * secret itself never enters the model, a plan, a log or Git.
 */
public record SecretRef(Source source, String value) {
  public enum Source {
    FILE,
    ENV
  }

  /**
   * Parses {@code file:/etc/strata/key} or {@code env:NAME}; throws IllegalArgumentException
   * otherwise.
   */
  public static SecretRef parse(String ref) {
    if (ref != null && ref.startsWith("file:") && ref.length() > 5) {
      return new SecretRef(Source.FILE, ref.substring(5));
    }
    if (ref != null && ref.startsWith("env:") && ref.length() > 4) {
      return new SecretRef(Source.ENV, ref.substring(4));
    }
    throw new IllegalArgumentException(
        "secret reference must be 'file:/path' or 'env:NAME', never the secret itself");
  }

  @Override
  public String toString() {
    return source.name().toLowerCase(Locale.ROOT) + ":" + value;
  }
}
