package io.strata.executors.secret;

import io.strata.schema.model.SecretRef;

/**
 * Resolves a {@link SecretRef} ({@code env:NAME}, {@code file:/path}) on the reconciler's host to
 * the secret's exact bytes. Implementations never log or print the value; errors name the
 * reference, never the content.
 */
@FunctionalInterface
public interface SecretResolver {
  /**
   * @throws SecretUnavailableException when the variable is unset or the file cannot be read
   */
  byte[] resolve(SecretRef ref);
}
