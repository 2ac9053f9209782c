package io.strata.executors.luks;

import io.strata.executors.layer.Command;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds cryptsetup / dmsetup argv (pure; cookbook §3). The key always travels on stdin with {@code
 * --key-file -}: every byte counts, no newline is added, so format, open and resize agree.
 */
public final class LuksCommands {
  /** The LUKS2 {@code --subsystem} marking Strata's headers. */
  public static final String SUBSYSTEM = "strata";

  /** LUKS2 labels hold at most 47 characters. */
  static final int LABEL_MAX = 47;

  private LuksCommands() {}

  /** The header label of a mapping: its name (e.g. {@code strata-pg-data}), cut to 47 chars. */
  public static String label(String mapping) {
    return mapping.length() <= LABEL_MAX ? mapping : mapping.substring(0, LABEL_MAX);
  }

  /** One call for every crypt mapping on the node. */
  public static Command listMappings() {
    return Command.of("dmsetup", "ls", "--target", "crypt");
  }

  /**
   * Every open crypt mapping with its size and backing device number, in one command. dmsetup
   * prints real keys only with {@code --showkeys} (dmsetup(8)), so no key reaches Strata's output.
   */
  public static Command table() {
    return Command.of("dmsetup", "table", "--target", "crypt");
  }

  public static Command status(String mapping) {
    return Command.of("cryptsetup", "status", mapping);
  }

  public static Command format(
      String device, String mapping, String cipher, int keySize, Pbkdf pbkdf, byte[] key) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "cryptsetup", "luksFormat", "--type", "luks2", "--batch-mode", "--key-file", "-"));
    if (cipher != null && !cipher.isBlank()) {
      a.addAll(List.of("--cipher", cipher));
    }
    if (keySize > 0) {
      a.addAll(List.of("--key-size", String.valueOf(keySize)));
    }
    a.addAll(pbkdf.flags());
    a.addAll(List.of("--label", label(mapping), "--subsystem", SUBSYSTEM, device));
    return Command.withSecret(a, key);
  }

  public static Command open(String device, String mapping, byte[] key) {
    return Command.withSecret(
        List.of("cryptsetup", "open", "--type", "luks2", "--key-file", "-", device, mapping), key);
  }

  /** Grows the mapping to the backing device; LUKS2 needs the key for it (cookbook §3.6). */
  public static Command resize(String mapping, byte[] key) {
    return Command.withSecret(List.of("cryptsetup", "resize", "--key-file", "-", mapping), key);
  }

  public static Command close(String mapping) {
    return Command.of("cryptsetup", "close", mapping);
  }

  /** Destroys the keyslots (the data becomes unreadable), then every signature. */
  public static List<Command> destroyHeader(String device) {
    return List.of(
        Command.of("cryptsetup", "erase", "--batch-mode", device),
        Command.of("wipefs", "-a", device));
  }
}
