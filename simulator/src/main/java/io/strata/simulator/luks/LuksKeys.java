package io.strata.simulator.luks;

import io.strata.simulator.cmd.Args;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.state.FileEntry;
import io.strata.simulator.state.LuksHeader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** How cryptsetup reads a passphrase, and the salted hashes the header keeps instead of it. */
final class LuksKeys {
  private LuksKeys() {}

  /**
   * The key bytes: {@code --key-file -} is all of stdin (newlines kept), a key file its content,
   * and without --key-file stdin up to the first newline.
   */
  static byte[] read(Invocation inv, Args a) {
    String file = a.value("key-file");
    byte[] key;
    if ("-".equals(file)) {
      key = inv.stdin();
    } else if (file != null) {
      FileEntry f = inv.node().files.get(file);
      key = f == null ? null : f.content().getBytes(StandardCharsets.UTF_8);
    } else {
      String s = inv.stdinText();
      int nl = s.indexOf('\n');
      key = (nl < 0 ? s : s.substring(0, nl)).getBytes(StandardCharsets.UTF_8);
    }
    if (key != null && a.has("keyfile-size")) {
      key = Arrays.copyOf(key, Math.min(key.length, Integer.parseInt(a.value("keyfile-size"))));
    }
    return key;
  }

  static String hash(String salt, byte[] key) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(salt.getBytes(StandardCharsets.UTF_8));
      md.update(key);
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  static boolean matches(LuksHeader h, byte[] key) {
    return key != null && h.keyHashes.contains(hash(h.salt, key));
  }
}
