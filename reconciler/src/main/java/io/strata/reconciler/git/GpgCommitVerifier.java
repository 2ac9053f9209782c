package io.strata.reconciler.git;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.bcpg.sig.IssuerFingerprint;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * {@code git.verify.mode: gpg}: a commit is trusted only when its {@code gpgsig} header holds a
 * valid OpenPGP signature, by one of the {@link TrustedKeys}, over the commit object without that
 * header (exactly what {@code git commit -S} signed). The keys come from the configuration only —
 * never from a GnuPG keyring on the host — so what is trusted is what {@code strata.yaml} says.
 */
public final class GpgCommitVerifier implements CommitVerifier {
  private static final byte[] GPGSIG = "gpgsig ".getBytes(StandardCharsets.US_ASCII);

  private final TrustedKeys keys;

  public GpgCommitVerifier(TrustedKeys keys) {
    this.keys = keys;
  }

  @Override
  public Verdict verify(RevCommit commit) {
    String id = commit.abbreviate(12).name();
    byte[] armored = commit.getRawGpgSignature();
    if (armored == null) {
      return new Verdict.Untrusted(
          "commit "
              + id
              + " is not signed — git.verify.mode: gpg applies only commits signed ('git commit"
              + " -S') by one of git.verify.trustedKeys");
    }
    String text = new String(armored, StandardCharsets.US_ASCII);
    if (text.startsWith("-----BEGIN SSH SIGNATURE-----")) {
      return new Verdict.Untrusted(
          "commit " + id + " carries an SSH signature; git.verify.mode: gpg accepts only OpenPGP");
    }
    List<PGPSignature> sigs;
    try {
      sigs = signatures(armored);
    } catch (IOException | PGPException | RuntimeException e) {
      return new Verdict.Untrusted(
          "commit " + id + " has a gpgsig header that is not an OpenPGP signature (" + e + ")");
    }
    if (sigs.isEmpty()) {
      return new Verdict.Untrusted("commit " + id + " has an empty OpenPGP signature");
    }
    byte[] payload = payload(commit.getRawBuffer());
    Verdict first = null;
    for (PGPSignature sig : sigs) {
      Verdict v = check(id, sig, payload);
      if (v instanceof Verdict.Trusted) {
        return v;
      }
      first = first == null ? v : first;
    }
    return first;
  }

  private Verdict check(String id, PGPSignature sig, byte[] payload) {
    byte[] fpr = issuerFingerprint(sig);
    Optional<TrustedKeys.Found> found = keys.find(fpr, sig.getKeyID());
    if (found.isEmpty()) {
      return new Verdict.Untrusted(
          "commit "
              + id
              + " is signed by key "
              + (fpr != null
                  ? TrustedKeys.fingerprint(fpr)
                  : TrustedKeys.keyId(sig.getKeyID()) + " (key id)")
              + ", which is not among git.verify.trustedKeys");
    }
    PGPPublicKey key = found.get().key();
    String who = found.get().describe();
    boolean good;
    try {
      sig.init(new BcPGPContentVerifierBuilderProvider(), key);
      sig.update(payload);
      good = sig.verify();
    } catch (PGPException | RuntimeException e) {
      return new Verdict.Untrusted(
          "commit " + id + ": the signature by key " + who + " cannot be checked (" + e + ")");
    }
    if (!good) {
      return new Verdict.Untrusted(
          "commit "
              + id
              + " has a BAD signature by key "
              + who
              + ": the commit does not match what was signed (altered after signing)");
    }
    if (key.hasRevocation() || found.get().ring().getPublicKey().hasRevocation()) {
      return new Verdict.Untrusted("commit " + id + " is signed by revoked key " + who);
    }
    long valid = key.getValidSeconds();
    Instant signed = sig.getCreationTime().toInstant();
    if (valid > 0 && signed.isAfter(key.getCreationTime().toInstant().plusSeconds(valid))) {
      return new Verdict.Untrusted(
          "commit " + id + " is signed by key " + who + ", which had expired when it signed");
    }
    return new Verdict.Trusted("good signature by key " + who);
  }

  private static byte[] issuerFingerprint(PGPSignature sig) {
    if (sig.getHashedSubPackets() != null) {
      IssuerFingerprint f = sig.getHashedSubPackets().getIssuerFingerprint();
      if (f != null) {
        return f.getFingerprint();
      }
    }
    return null;
  }

  private static List<PGPSignature> signatures(byte[] armored) throws IOException, PGPException {
    List<PGPSignature> out = new ArrayList<>();
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored))) {
      BcPGPObjectFactory f = new BcPGPObjectFactory(in);
      Object o = f.nextObject();
      if (o instanceof PGPCompressedData c) {
        o = new BcPGPObjectFactory(c.getDataStream()).nextObject();
      }
      if (!(o instanceof PGPSignatureList list)) {
        throw new IOException("expected a signature packet, found " + o);
      }
      list.forEach(out::add);
    }
    return out;
  }

  /**
   * The raw commit without its {@code gpgsig} header and the header's continuation lines (which
   * start with a space): the bytes {@code git commit -S} handed to gpg.
   */
  static byte[] payload(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
    int i = 0;
    boolean inSig = false;
    while (i < raw.length) {
      int end = i;
      while (end < raw.length && raw[end] != '\n') {
        end++;
      }
      end = Math.min(end + 1, raw.length);
      if (raw[i] == '\n') {
        // End of the headers: the message is signed as it is.
        out.write(raw, i, raw.length - i);
        break;
      }
      boolean drop = startsWith(raw, i, GPGSIG) || (inSig && raw[i] == ' ');
      inSig = drop;
      if (!drop) {
        out.write(raw, i, end - i);
      }
      i = end;
    }
    return out.toByteArray();
  }

  private static boolean startsWith(byte[] raw, int at, byte[] prefix) {
    if (raw.length - at < prefix.length) {
      return false;
    }
    for (int k = 0; k < prefix.length; k++) {
      if (raw[at + k] != prefix[k]) {
        return false;
      }
    }
    return true;
  }
}
