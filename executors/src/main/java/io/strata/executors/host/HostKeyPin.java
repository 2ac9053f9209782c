package io.strata.executors.host;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A pinned SSH host key: the node manifest's {@code spec.connection.hostKey}, an OpenSSH public key
 * line ({@code ssh-ed25519 AAAA… [comment]}, or ECDSA/RSA). Compared by its wire encoding, so
 * verifying needs no crypto provider for the key type; fingerprints are shown like OpenSSH's {@code
 * SHA256:…}.
 */
public record HostKeyPin(String type, byte[] blob) {
  public HostKeyPin {
    blob = blob.clone();
  }

  @Override
  public byte[] blob() {
    return blob.clone();
  }

  /**
   * Parses an OpenSSH public key line.
   *
   * @throws IllegalArgumentException with what is wrong and how to get a correct value
   */
  public static HostKeyPin parse(String node, String line) {
    String hint =
        " — set spec.connection.hostKey of node "
            + node
            + " to one line of `ssh-keyscan -t ed25519 <address>` without the host name (or the"
            + " node's /etc/ssh/ssh_host_ed25519_key.pub), e.g. \"ssh-ed25519 AAAA…\"";
    if (line == null || line.isBlank()) {
      throw new IllegalArgumentException("node " + node + " has no pinned host key" + hint);
    }
    String[] parts = line.trim().split("\\s+");
    if (parts.length < 2) {
      throw new IllegalArgumentException(
          "node " + node + ": hostKey is not an OpenSSH public key line" + hint);
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(parts[1]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "node " + node + ": hostKey key data is not valid base64" + hint, e);
    }
    String embedded = embeddedType(blob);
    if (!parts[0].equals(embedded)) {
      throw new IllegalArgumentException(
          "node "
              + node
              + ": hostKey says "
              + parts[0]
              + " but its key data is "
              + (embedded == null ? "not an SSH key" : embedded)
              + hint);
    }
    return new HostKeyPin(parts[0], blob);
  }

  /** The key type written at the start of the wire encoding (a uint32 length and the name). */
  private static String embeddedType(byte[] blob) {
    if (blob.length < 4) {
      return null;
    }
    int len =
        ((blob[0] & 0xff) << 24) | ((blob[1] & 0xff) << 16) | ((blob[2] & 0xff) << 8) | blob[3];
    if (len <= 0 || len > blob.length - 4) {
      return null;
    }
    return new String(blob, 4, len, StandardCharsets.US_ASCII);
  }

  public boolean matches(byte[] presentedBlob) {
    return MessageDigest.isEqual(blob, presentedBlob);
  }

  public String fingerprint() {
    return fingerprint(blob);
  }

  /** {@code SHA256:} and the unpadded base64 of the SHA-256 of the wire encoding (as OpenSSH). */
  public static String fingerprint(byte[] blob) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HostKeyPin p && type.equals(p.type) && Arrays.equals(blob, p.blob);
  }

  @Override
  public int hashCode() {
    return 31 * type.hashCode() + Arrays.hashCode(blob);
  }

  @Override
  public String toString() {
    return type + " " + fingerprint();
  }
}
