package io.strata.executors.luks;

import io.strata.schema.model.ResourceTemplate;
import java.util.ArrayList;
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

  /**
   * A template's {@code luks.pbkdf}: argon2 keeps Strata's 256 MiB unless memory is given; time is
   * cryptsetup's {@code --iter-time}, iterations {@code --pbkdf-force-iterations} (no benchmark).
   */
  public static Pbkdf of(ResourceTemplate.Pbkdf p) {
    List<String> f = new ArrayList<>(List.of("--pbkdf", p.type()));
    if (p.argon2()) {
      long kib =
          p.memoryKib() == null ? ResourceTemplate.Pbkdf.DEFAULT_ARGON2_MEMORY_KIB : p.memoryKib();
      f.addAll(List.of("--pbkdf-memory", String.valueOf(kib)));
    }
    if (p.timeMs() != null) {
      f.addAll(List.of("--iter-time", String.valueOf(p.timeMs())));
    }
    if (p.iterations() != null) {
      f.addAll(List.of("--pbkdf-force-iterations", String.valueOf(p.iterations())));
    }
    return new Pbkdf(f);
  }
}
