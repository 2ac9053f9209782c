package io.strata.executors.secret;

import io.strata.schema.model.SecretRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Resolves {@code env:NAME} from an environment map (the process environment by default) and {@code
 * file:/path} by reading the file's exact bytes: nothing is trimmed, because cryptsetup's {@code
 * --key-file -} uses every byte too (cookbook §3.1), so format and open always agree.
 */
public final class EnvFileSecretResolver implements SecretResolver {
  private final Map<String, String> env;

  public EnvFileSecretResolver(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** Resolves against {@link System#getenv()}. */
  public static EnvFileSecretResolver system() {
    return new EnvFileSecretResolver(System.getenv());
  }

  @Override
  public byte[] resolve(SecretRef ref) {
    return switch (ref.source()) {
      case ENV -> {
        String v = env.get(ref.value());
        if (v == null || v.isEmpty()) {
          throw new SecretUnavailableException(
              "secret "
                  + ref
                  + ": environment variable "
                  + ref.value()
                  + " is not set on the reconciler's host; export it before starting Strata");
        }
        yield v.getBytes(StandardCharsets.UTF_8);
      }
      case FILE -> {
        try {
          byte[] b = Files.readAllBytes(Path.of(ref.value()));
          if (b.length == 0) {
            throw new SecretUnavailableException(
                "secret " + ref + ": the file is empty; put the key material in it");
          }
          yield b;
        } catch (IOException e) {
          throw new SecretUnavailableException(
              "secret "
                  + ref
                  + ": cannot read the file ("
                  + e.getClass().getSimpleName()
                  + "); create it with mode 0600 on the reconciler's host");
        }
      }
    };
  }
}
