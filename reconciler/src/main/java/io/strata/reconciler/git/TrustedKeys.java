package io.strata.reconciler.git;

import io.strata.reconciler.config.ConfigException;
import io.strata.schema.model.SecretRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/**
 * The OpenPGP public keys of {@code git.verify.trustedKeys}: ASCII-armored (or binary) public key
 * rings, as {@code gpg --armor --export KEYID} writes them. A file may hold several keys.
 */
public final class TrustedKeys {
  private final List<PGPPublicKeyRing> rings;

  TrustedKeys(List<PGPPublicKeyRing> rings) {
    this.rings = List.copyOf(rings);
  }

  /** Reads and parses every reference; any unusable one is a {@link ConfigException}. */
  public static TrustedKeys load(List<String> refs, SecretReader reader) {
    if (refs.isEmpty()) {
      throw new ConfigException(
          "git.verify.trustedKeys: mode gpg needs at least one trusted public key, e.g."
              + " [file:keys/ops.asc] written by 'gpg --armor --export KEYID'");
    }
    List<PGPPublicKeyRing> rings = new ArrayList<>();
    for (int i = 0; i < refs.size(); i++) {
      String where = "git.verify.trustedKeys[" + i + "]";
      SecretRef ref;
      try {
        ref = SecretRef.parse(refs.get(i));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            where
                + ": '"
                + refs.get(i)
                + "' must be file:PATH (relative to the config folder) or env:NAME holding an"
                + " ASCII-armored OpenPGP public key");
      }
      String text;
      try {
        text = reader.read(ref);
      } catch (ConfigException e) {
        throw new ConfigException(where + ": " + e.getMessage());
      }
      rings.addAll(parse(where + ": " + ref, text.getBytes(StandardCharsets.UTF_8)));
    }
    return new TrustedKeys(rings);
  }

  /** The public key rings in {@code data}; {@code where} names the source in errors. */
  static List<PGPPublicKeyRing> parse(String where, byte[] data) {
    List<PGPPublicKeyRing> rings = new ArrayList<>();
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(data))) {
      BcPGPObjectFactory f = new BcPGPObjectFactory(in);
      for (Object o = f.nextObject(); o != null; o = f.nextObject()) {
        if (o instanceof PGPPublicKeyRing r) {
          rings.add(r);
        } else if (o instanceof PGPSecretKeyRing) {
          throw new ConfigException(
              where
                  + " holds a SECRET key — give the reconciler only the public key ('gpg --armor"
                  + " --export KEYID') and keep the secret key with the committer");
        }
      }
    } catch (ConfigException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(
          where
              + " is not an OpenPGP public key ("
              + e.getMessage()
              + ") — export one with 'gpg --armor --export KEYID'");
    }
    if (rings.isEmpty()) {
      throw new ConfigException(
          where + " holds no OpenPGP public key — export one with 'gpg --armor --export KEYID'");
    }
    return rings;
  }

  /** The trusted key (primary or subkey) with this fingerprint or, if none given, key id. */
  Optional<Found> find(byte[] fingerprint, long keyId) {
    for (PGPPublicKeyRing ring : rings) {
      PGPPublicKey k = fingerprint != null ? ring.getPublicKey(fingerprint) : null;
      if (k == null && keyId != 0) {
        k = ring.getPublicKey(keyId);
      }
      if (k != null) {
        return Optional.of(new Found(ring, k));
      }
    }
    return Optional.empty();
  }

  /** Number of key rings (primary keys) trusted. */
  public int size() {
    return rings.size();
  }

  /** A trusted key and the ring (primary key, user ids) it belongs to. */
  record Found(PGPPublicKeyRing ring, PGPPublicKey key) {
    /**
     * {@code "FPR (Ops <ops@example.org>)"}; a subkey also names its primary key: {@code "FPR
     * (subkey of PRIMARY, Ops <ops@example.org>)"}.
     */
    String describe() {
      PGPPublicKey primary = ring.getPublicKey();
      Iterator<String> ids = primary.getUserIDs();
      String owner = ids.hasNext() ? ids.next() : "no user id";
      String fpr = fingerprint(key.getFingerprint());
      return key.isMasterKey()
          ? fpr + " (" + owner + ")"
          : fpr + " (subkey of " + fingerprint(primary.getFingerprint()) + ", " + owner + ")";
    }
  }

  static String fingerprint(byte[] fpr) {
    return HexFormat.of().formatHex(fpr).toUpperCase(Locale.ROOT);
  }

  static String keyId(long id) {
    return String.format(Locale.ROOT, "%016X", id);
  }
}
