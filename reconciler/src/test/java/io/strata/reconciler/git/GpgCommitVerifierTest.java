package io.strata.reconciler.git;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strata.reconciler.config.ConfigException;
import io.strata.reconciler.config.ConfigLoader;
import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.git.CommitVerifier.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code git.verify.mode: gpg} against real signatures: keys made by {@code gpg}, commits signed by
 * {@code git commit -S}, fetched into the mirror and verified there.
 */
class GpgCommitVerifierTest {
  private static final boolean GPG = GpgKeys.available();
  private static final String NO_GPG =
      "gpg is not installed — install gnupg (.ci/run does) to run the real-signature tests";

  @TempDir static Path keyDir;
  @TempDir Path tmp;

  private static GpgKeys gpg;
  private static String ops;
  private static String opsSub;
  private static String stranger;

  @BeforeAll
  static void makeKeys() throws Exception {
    if (!GPG) {
      return;
    }
    gpg = GpgKeys.create(keyDir.resolve("gnupg"));
    ops = gpg.generate("Ops Signer <ops@example.test>");
    opsSub = gpg.addSigningSubkey(ops);
    stranger = gpg.generate("Stranger <stranger@example.test>");
  }

  @AfterAll
  static void stopAgent() {
    if (gpg != null) {
      gpg.close();
    }
  }

  private GitSource open(String trustedKeys) {
    StrataConfig cfg =
        ConfigLoader.parse(
            "strata.yaml",
            "git:\n  url: remote.git\n  branch: main\n  verify: {mode: gpg, trustedKeys: "
                + trustedKeys
                + "}\n",
            tmp);
    return GitSource.open(
        cfg, tmp.resolve("state"), new SecretReader(tmp, Map.of("OPS_KEY", opsPublic())));
  }

  private String opsPublic() {
    return GPG ? gpg.exportPublic(ops) : "";
  }

  private void writeKey(String file, String armored) throws Exception {
    Path p = tmp.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, armored);
  }

  private static Verdict verify(GitSource src, String commit) throws Exception {
    assertEquals(new FetchResult.Fetched(commit), src.fetch());
    return src.verify(commit);
  }

  @Test
  void aCommitSignedByATrustedKeyIsTrusted() throws Exception {
    assumeTrue(GPG, NO_GPG);
    GitCli cli = GitCli.create(tmp);
    writeKey("keys/ops.asc", gpg.exportPublic(ops));
    String c =
        gpg.commitSignedAndPush(cli, ops + "!", "signed", "volumes/a.yaml", "kind: Volume\n");
    try (GitSource src = open("[file:keys/ops.asc]")) {
      Verdict.Trusted t = assertInstanceOf(Verdict.Trusted.class, verify(src, c));
      assertTrue(t.detail().contains(ops), t.detail());
      assertTrue(t.detail().contains("Ops Signer <ops@example.test>"), t.detail());
    }
  }

  @Test
  void aSignatureByATrustedSubkeyIsTrustedAndKeysMayComeFromTheEnvironment() throws Exception {
    assumeTrue(GPG, NO_GPG);
    GitCli cli = GitCli.create(tmp);
    String c = gpg.commitSignedAndPush(cli, opsSub + "!", "by subkey", "v.yaml", "x: 1\n");
    try (GitSource src = open("['env:OPS_KEY']")) {
      Verdict.Trusted t = assertInstanceOf(Verdict.Trusted.class, verify(src, c));
      assertTrue(t.detail().startsWith("good signature by key " + opsSub), t.detail());
      assertTrue(t.detail().contains("subkey of " + ops), t.detail());
    }
  }

  @Test
  void anUnsignedCommitIsUntrustedAndNamed() throws Exception {
    assumeTrue(GPG, NO_GPG);
    GitCli cli = GitCli.create(tmp);
    writeKey("keys/ops.asc", gpg.exportPublic(ops));
    String c = cli.commitAndPush("unsigned", "volumes/a.yaml", "kind: Volume\n");
    try (GitSource src = open("[file:keys/ops.asc]")) {
      Verdict.Untrusted u = assertInstanceOf(Verdict.Untrusted.class, verify(src, c));
      assertTrue(u.reason().contains(c.substring(0, 12)), u.reason());
      assertTrue(u.reason().contains("is not signed"), u.reason());
    }
  }

  @Test
  void aSignatureByAnUnknownKeyIsUntrustedAndNamesTheKey() throws Exception {
    assumeTrue(GPG, NO_GPG);
    GitCli cli = GitCli.create(tmp);
    writeKey("keys/ops.asc", gpg.exportPublic(ops));
    String c = gpg.commitSignedAndPush(cli, stranger, "stranger", "v.yaml", "x: 1\n");
    try (GitSource src = open("[file:keys/ops.asc]")) {
      Verdict.Untrusted u = assertInstanceOf(Verdict.Untrusted.class, verify(src, c));
      assertTrue(u.reason().contains(c.substring(0, 12)), u.reason());
      assertTrue(u.reason().contains(stranger), u.reason());
      assertTrue(u.reason().contains("not among git.verify.trustedKeys"), u.reason());
    }
    // Trusting the stranger's key as a second entry makes the same commit trusted.
    writeKey("keys/stranger.asc", gpg.exportPublic(stranger));
    try (GitSource src = open("[file:keys/ops.asc, file:keys/stranger.asc]")) {
      assertInstanceOf(Verdict.Trusted.class, verify(src, c));
    }
  }

  /** Issue 12: a signature by a key that was revoked is not trusted, even a good one. */
  @Test
  void aSignatureByARevokedKeyIsUntrusted() throws Exception {
    assumeTrue(GPG, NO_GPG);
    GpgKeys own = GpgKeys.create(tmp.resolve("revoking-gnupg"));
    try {
      String lost = own.generate("Lost Laptop <lost@example.test>");
      GitCli cli = GitCli.create(tmp);
      String c = own.commitSignedAndPush(cli, lost, "signed before the loss", "v.yaml", "x: 1\n");
      writeKey("keys/lost.asc", own.exportPublic(lost));
      try (GitSource src = open("[file:keys/lost.asc]")) {
        assertInstanceOf(Verdict.Trusted.class, verify(src, c), "trusted before the revocation");
      }
      own.revoke(lost);
      writeKey("keys/lost.asc", own.exportPublic(lost));
      try (GitSource src = open("[file:keys/lost.asc]")) {
        Verdict.Untrusted u = assertInstanceOf(Verdict.Untrusted.class, verify(src, c));
        assertTrue(u.reason().contains("revoked key"), u.reason());
        assertTrue(u.reason().contains(lost), u.reason());
      }
    } finally {
      own.close();
    }
  }

  /**
   * Issue 12: every commit between the last verified one and the new head must be trusted, not only
   * the head — a signed commit on top does not carry an unsigned or a foreign one in.
   */
  @Test
  void everyCommitSinceTheLastVerifiedOneMustBeTrusted() throws Exception {
    assumeTrue(GPG, NO_GPG);
    GitCli cli = GitCli.create(tmp);
    writeKey("keys/ops.asc", gpg.exportPublic(ops));
    String base = gpg.commitSignedAndPush(cli, ops + "!", "base", "v.yaml", "x: 1\n");
    String unsigned = cli.commitAndPush("sneaked in", "v.yaml", "x: 2\n");
    String foreign = gpg.commitSignedAndPush(cli, stranger, "foreign", "v.yaml", "x: 3\n");
    String head = gpg.commitSignedAndPush(cli, ops + "!", "on top", "v.yaml", "x: 4\n");
    try (GitSource src = open("[file:keys/ops.asc]")) {
      assertEquals(new FetchResult.Fetched(head), src.fetch());
      assertInstanceOf(Verdict.Trusted.class, src.verify(head), "the head alone is signed");
      Verdict.Untrusted u = assertInstanceOf(Verdict.Untrusted.class, src.verifySince(base, head));
      assertTrue(u.reason().contains(unsigned.substring(0, 12)), "the oldest bad one: " + u);
      assertTrue(u.reason().contains("is not signed"), u.reason());
      assertTrue(u.reason().contains("lies between"), u.reason());
      u = assertInstanceOf(Verdict.Untrusted.class, src.verifySince(unsigned, head));
      assertTrue(u.reason().contains(stranger), "then the foreign one: " + u);
      assertInstanceOf(Verdict.Trusted.class, src.verifySince(foreign, head));
      assertInstanceOf(
          Verdict.Trusted.class, src.verifySince(null, head), "first start: the head vouches");
      assertInstanceOf(
          Verdict.Trusted.class,
          src.verifySince("0123456789012345678901234567890123456789", head),
          "a base the mirror no longer has: the head alone");
    }
  }

  @Test
  void aCommitAlteredAfterSigningHasABadSignature() throws Exception {
    assumeTrue(GPG, NO_GPG);
    GitCli cli = GitCli.create(tmp);
    writeKey("keys/ops.asc", gpg.exportPublic(ops));
    String c = gpg.commitSignedAndPush(cli, ops + "!", "size 1G", "v.yaml", "x: 1\n");
    try (GitSource src = open("[file:keys/ops.asc]")) {
      src.fetch();
      byte[] raw;
      try (RevWalk rw = new RevWalk(src.repository())) {
        raw = rw.parseCommit(ObjectId.fromString(c)).getRawBuffer().clone();
      }
      String text = new String(raw, StandardCharsets.UTF_8).replace("size 1G", "size 9G");
      RevCommit forged = RevCommit.parse(text.getBytes(StandardCharsets.UTF_8));
      Verdict.Untrusted u =
          assertInstanceOf(
              Verdict.Untrusted.class,
              CommitVerifier.of(cfgVerify("[file:keys/ops.asc]"), new SecretReader(tmp, Map.of()))
                  .verify(forged));
      assertTrue(u.reason().contains("BAD signature"), u.reason());
      assertTrue(u.reason().contains(ops), u.reason());
    }
  }

  @Test
  void aSecretKeyFileIsRefusedAtStart() throws Exception {
    assumeTrue(GPG, NO_GPG);
    writeKey("keys/ops.asc", gpg.exportSecret(ops));
    ConfigException e = assertThrows(ConfigException.class, () -> open("[file:keys/ops.asc]"));
    assertTrue(e.getMessage().contains("git.verify.trustedKeys[0]"), e.getMessage());
    assertTrue(e.getMessage().contains("SECRET key"), e.getMessage());
  }

  @Test
  void gpgModeWithoutKeysIsRefusedAtStart() {
    ConfigException e = assertThrows(ConfigException.class, () -> open("[]"));
    assertTrue(e.getMessage().contains("git.verify.trustedKeys"), e.getMessage());
    assertTrue(e.getMessage().contains("at least one"), e.getMessage());
  }

  @Test
  void aMissingKeyFileIsRefusedAtStartWithItsPath() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> open("[file:keys/ops.asc, file:keys/gone.asc]"));
    assertTrue(
        e.getMessage().startsWith("git.verify.trustedKeys[0]: file:keys/ops.asc"), e.getMessage());
    assertTrue(e.getMessage().contains(tmp.resolve("keys/ops.asc").toString()), e.getMessage());
  }

  @Test
  void aKeyFileWithoutAKeyIsRefusedAtStart() throws Exception {
    writeKey("keys/ops.asc", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOps ops@example\n");
    ConfigException e = assertThrows(ConfigException.class, () -> open("[file:keys/ops.asc]"));
    assertTrue(
        e.getMessage().contains("git.verify.trustedKeys[0]: file:keys/ops.asc"), e.getMessage());
    assertTrue(e.getMessage().contains("gpg --armor --export"), e.getMessage());
  }

  @Test
  void aKeyGivenInlineIsRefused() {
    ConfigException e = assertThrows(ConfigException.class, () -> open("['-----BEGIN PGP']"));
    assertTrue(e.getMessage().contains("must be file:PATH"), e.getMessage());
  }

  @Test
  void thePayloadIsTheCommitWithoutItsSignatureHeader() {
    String signed =
        "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
            + "author A <a@x> 1700000000 +0000\n"
            + "committer A <a@x> 1700000000 +0000\n"
            + "gpgsig -----BEGIN PGP SIGNATURE-----\n"
            + " \n"
            + " iHUEABYKAB0WIQ==\n"
            + " -----END PGP SIGNATURE-----\n"
            + "mergetag object 1\n"
            + " type commit\n"
            + "\n"
            + "message\n gpgsig in the message stays\n";
    String unsigned =
        "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
            + "author A <a@x> 1700000000 +0000\n"
            + "committer A <a@x> 1700000000 +0000\n"
            + "mergetag object 1\n"
            + " type commit\n"
            + "\n"
            + "message\n gpgsig in the message stays\n";
    assertArrayEquals(
        unsigned.getBytes(StandardCharsets.UTF_8),
        GpgCommitVerifier.payload(signed.getBytes(StandardCharsets.UTF_8)));
  }

  private StrataConfig.Verify cfgVerify(String keys) {
    return ConfigLoader.parse("s", "git:\n  verify: {mode: gpg, trustedKeys: " + keys + "}\n", tmp)
        .git()
        .verify();
  }
}
