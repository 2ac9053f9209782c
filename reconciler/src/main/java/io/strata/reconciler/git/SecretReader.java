package io.strata.reconciler.git;

import io.strata.reconciler.config.ConfigException;
import io.strata.schema.model.SecretRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Resolves a {@link SecretRef} to its value on the reconciler's host. The value is trimmed of a
 * trailing newline (files written by {@code echo}); it is never logged.
 */
public final class SecretReader {
  private final Path baseDir;
  private final Map<String, String> env;

  public SecretReader(Path baseDir, Map<String, String> env) {
    this.baseDir = baseDir;
    this.env = Map.copyOf(env);
  }

  /** Reads secrets from the process environment and files relative to {@code baseDir}. */
  public static SecretReader system(Path baseDir) {
    return new SecretReader(baseDir, System.getenv());
  }

  public String read(SecretRef ref) {
    return switch (ref.source()) {
      case ENV -> {
        String v = env.get(ref.value());
        if (v == null || v.isEmpty()) {
          throw new ConfigException(
              ref + ": environment variable is not set — export it before starting strata");
        }
        yield v;
      }
      case FILE -> {
        Path p = baseDir.resolve(ref.value());
        try {
          yield Files.readString(p, StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
          throw new ConfigException(
              ref + ": cannot read secret file " + p + " (" + e.getClass().getSimpleName() + ")");
        }
      }
    };
  }
}
