package io.strata.executors.secret;

import io.strata.schema.model.SecretRef;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cluster key ({@code secrets.clusterKeyRef}) from which per-resource secrets are derived, so
 * that they are stable across cycles and stored nowhere but the nodes' resource files. {@link
 * #toString()} never shows the key.
 */
public final class ClusterKey {
  /** DRBD keeps shared secrets in a 64-byte NUL-terminated buffer: stay well below. */
  static final int SECRET_LENGTH = 43;

  private final byte[] key;

  private ClusterKey(byte[] key) {
    if (key.length < 16) {
      throw new IllegalArgumentException(
          "the cluster key must hold at least 16 bytes, it has "
              + key.length
              + "; generate one with `head -c 32 /dev/urandom > cluster.key`");
    }
    this.key = key.clone();
  }

  public static ClusterKey of(byte[] key) {
    return new ClusterKey(key);
  }

  /** Loads the key through a resolver ({@code file:/etc/strata/cluster.key}, {@code env:X}). */
  public static ClusterKey load(SecretResolver resolver, SecretRef ref) {
    return new ClusterKey(resolver.resolve(ref));
  }

  /**
   * The DRBD {@code shared-secret} of {@code resource}: HMAC-SHA256(key, resource), base64url
   * without padding (43 characters, no quotes or spaces to escape in a .res file).
   */
  public String drbdSharedSecret(String resource) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] h = mac.doFinal(("drbd-shared-secret/" + resource).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(h).substring(0, SECRET_LENGTH);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "ClusterKey[<redacted>]";
  }
}
