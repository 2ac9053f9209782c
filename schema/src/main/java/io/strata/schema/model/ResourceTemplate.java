package io.strata.schema.model;

import java.util.List;
import java.util.Map;

/**
 * {@code kind: ResourceTemplate}: a layer stack (top-down, ends in storage) with per-layer options.
 */
public record ResourceTemplate(
    Metadata metadata,
    List<Layer> layers,
    DrbdOptions drbd,
    LuksOptions luks,
    NvmeOptions nvme,
    Placement placement) {
  public ResourceTemplate {
    layers = List.copyOf(layers);
    placement = placement == null ? Placement.NONE : placement;
  }

  public String name() {
    return metadata.name();
  }

  public boolean has(Layer layer) {
    return layers.contains(layer);
  }

  /**
   * {@code spec.drbd}. {@code options} are extra DRBD options written into the .res file's options
   * section.
   */
  public record DrbdOptions(
      String protocol, String quorum, boolean autoTiebreaker, Map<String, String> options) {
    public static final DrbdOptions DEFAULT = new DrbdOptions("C", "majority", true, Map.of());

    public DrbdOptions {
      protocol = protocol == null ? "C" : protocol;
      options = options == null ? Map.of() : Map.copyOf(options);
    }
  }

  /**
   * {@code spec.luks}: cipher and key size as cryptsetup takes them, and where the passphrase
   * lives.
   */
  public record LuksOptions(String cipher, int keySize, SecretRef passphraseRef, Pbkdf pbkdf) {
    public static final String DEFAULT_CIPHER = "aes-xts-plain64";
    public static final int DEFAULT_KEY_SIZE = 512;

    /** Without {@code pbkdf}: the executor's default key derivation. */
    public LuksOptions(String cipher, int keySize, SecretRef passphraseRef) {
      this(cipher, keySize, passphraseRef, null);
    }
  }

  /**
   * {@code spec.luks.pbkdf}: luksFormat's key derivation, so that a small-memory node need not
   * spend 256 MiB and minutes per format. {@code memoryKib} applies to argon2 only; {@code timeMs}
   * ({@code --iter-time}) and {@code iterations} ({@code --pbkdf-force-iterations}) exclude each
   * other; null fields take cryptsetup's default (for argon2 memory, Strata's 256 MiB).
   */
  public record Pbkdf(String type, Long memoryKib, Integer timeMs, Integer iterations) {
    public static final String DEFAULT_TYPE = "argon2id";
    public static final long DEFAULT_ARGON2_MEMORY_KIB = 262144;

    public Pbkdf {
      type = type == null ? DEFAULT_TYPE : type;
    }

    public boolean argon2() {
      return type.startsWith("argon2");
    }
  }

  /**
   * {@code spec.nvme}: fabric transport, the target's service port, and host NQNs allowed to
   * connect.
   */
  public record NvmeOptions(String transport, int port, List<String> allowedHosts) {
    public static final NvmeOptions DEFAULT = new NvmeOptions("tcp", 4420, List.of());

    public NvmeOptions {
      transport = transport == null ? "tcp" : transport;
      allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    }
  }
}
