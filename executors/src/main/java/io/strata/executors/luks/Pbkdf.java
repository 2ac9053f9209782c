package io.strata.executors.luks;

import java.util.List;

/**
 * The key-derivation flags of luksFormat. Production uses argon2id with 256 MiB, as LINSTOR forces
 * ({@code --pbkdf-memory 262144}); tests use a fast pbkdf2 so that a real format takes
 * milliseconds.
 */
public record Pbkdf(List<String> flags) {
  public static final Pbkdf DEFAULT =
      new Pbkdf(List.of("--pbkdf", "argon2id", "--pbkdf-memory", "262144"));

  /** Only for tests: weak on purpose. */
  public static final Pbkdf FAST_FOR_TESTS =
      new Pbkdf(List.of("--pbkdf", "pbkdf2", "--pbkdf-force-iterations", "1000"));

  public Pbkdf {
    flags = List.copyOf(flags);
  }
}
