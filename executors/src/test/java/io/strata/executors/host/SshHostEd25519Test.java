package io.strata.executors.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ssh-ed25519 end to end against a real MINA SSHD server on 127.0.0.1: pinned ed25519 host keys and
 * ed25519 client keys in OpenSSH format, both generated in Java and (when installed) by OpenSSH's
 * ssh-keygen, which is what operators copy from /etc/ssh.
 */
class SshHostEd25519Test {
  private static final Duration T = Duration.ofSeconds(20);

  private static KeyPair hostKey;
  private static KeyPair otherHostKey;
  private static KeyPair ecdsaHostKey;
  private static KeyPair rsaHostKey;
  private static KeyPair clientKey;
  private static SshTransport transport;

  @TempDir Path tmp;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @BeforeAll
  static void keys() throws Exception {
    hostKey = KeyUtils.generateKeyPair("ssh-ed25519", 256);
    otherHostKey = KeyUtils.generateKeyPair("ssh-ed25519", 256);
    ecdsaHostKey = KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256);
    rsaHostKey = KeyUtils.generateKeyPair("ssh-rsa", 2048);
    clientKey = KeyUtils.generateKeyPair("ssh-ed25519", 256);
    transport = SshTransport.start();
  }

  @AfterAll
  static void stop() {
    transport.close();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  private TestSshServer server(PublicKey client, KeyPair... hostKeys) throws Exception {
    TestSshServer s = new TestSshServer(List.of(hostKeys), client);
    closeables.add(s);
    return s;
  }

  /** Writes {@code kp} as an unencrypted OpenSSH private key file, mode 0600, like ssh-keygen. */
  private Path openSshKeyFile(KeyPair kp, String name) throws IOException {
    Path f = tmp.resolve(name);
    Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixModes.toPermissions(0600)));
    try (OutputStream os = Files.newOutputStream(f)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(kp, "strata", null, os);
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
    return f;
  }

  /** A host that loads its identity from {@code keyFile}, the production path. */
  private SshHost host(TestSshServer server, String pinnedLine, Path keyFile) {
    SshHostConfig cfg =
        new SshHostConfig(
            "alpha",
            "127.0.0.1",
            server.port(),
            System.getProperty("user.name"),
            pinnedLine,
            keyFile,
            false,
            Duration.ofSeconds(5),
            Duration.ofSeconds(5));
    SshHost h = new SshHost(cfg, transport);
    closeables.add(0, h);
    return h;
  }

  @Test
  void bouncyCastleProvidesEd25519ToTheClient() {
    assertTrue(
        SecurityUtils.isBouncyCastleRegistered(), "MINA did not register Bouncy Castle's provider");
    assertTrue(SecurityUtils.isEDDSACurveSupported(), "MINA has no EdDSA support");
    assertTrue(
        transport.client().getSignatureFactoriesNames().contains("ssh-ed25519"),
        transport.client().getSignatureFactoriesNames().toString());
  }

  @Test
  void pinnedEd25519HostKeyAndEd25519ClientKeyFromAnOpenSshFile() throws Exception {
    TestSshServer server = server(clientKey.getPublic(), hostKey);
    SshHost h =
        host(server, TestSshServer.publicKeyLine(hostKey), openSshKeyFile(clientKey, "id_ed25519"));
    Result r = h.run(List.of("echo", "ed25519"));
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("ed25519\n", r.out());
    assertEquals("ok\n", h.run(List.of("cat"), "ok\n".getBytes(StandardCharsets.UTF_8), T).out());
  }

  @Test
  void changedEd25519HostKeyIsRefusedNamingBothFingerprints() throws Exception {
    TestSshServer server = server(clientKey.getPublic(), otherHostKey);
    SshHost h =
        host(server, TestSshServer.publicKeyLine(hostKey), openSshKeyFile(clientKey, "id_ed25519"));
    HostUnreachableException e =
        assertThrows(HostUnreachableException.class, () -> h.run(List.of("echo", "x")));
    String expected = KeyUtils.getFingerPrint(hostKey.getPublic());
    String presented = KeyUtils.getFingerPrint(otherHostKey.getPublic());
    assertTrue(expected.startsWith("SHA256:"), expected);
    assertTrue(e.getMessage().startsWith("alpha: unreachable: host key CHANGED"), e.getMessage());
    assertTrue(e.getMessage().contains("expected " + expected + " (ssh-ed25519"), e.getMessage());
    assertTrue(e.getMessage().contains("presented " + presented), e.getMessage());
    assertEquals(0, server.commandsStarted.get(), "a command ran on an unverified server");
  }

  @Test
  void theEd25519KeyIsNegotiatedWhenTheServerAlsoHasEcdsaAndRsa() throws Exception {
    TestSshServer server = server(clientKey.getPublic(), rsaHostKey, ecdsaHostKey, hostKey);
    Path key = openSshKeyFile(clientKey, "id_ed25519");
    assertEquals(
        "ed\n",
        host(server, TestSshServer.publicKeyLine(hostKey), key).run(List.of("echo", "ed")).out());
    assertEquals(
        "ec\n",
        host(server, TestSshServer.publicKeyLine(ecdsaHostKey), key)
            .run(List.of("echo", "ec"))
            .out());
  }

  @Test
  void unknownEd25519HostIsRefusedWithItsFingerprint() throws Exception {
    TestSshServer server = server(clientKey.getPublic(), hostKey);
    SshHost h = host(server, null, openSshKeyFile(clientKey, "id_ed25519"));
    HostUnreachableException e =
        assertThrows(HostUnreachableException.class, () -> h.run(List.of("true")));
    assertTrue(e.getMessage().contains("unknown host key"), e.getMessage());
    assertTrue(
        e.getMessage().contains(KeyUtils.getFingerPrint(hostKey.getPublic())), e.getMessage());
  }

  @Test
  void keysMadeBySshKeygenWorkAsHostPinAndClientIdentity() throws Exception {
    Path hostFile = sshKeygen("ssh_host_ed25519_key");
    Path clientFile = sshKeygen("id_ed25519");
    KeyPair sshdHostKey = loadOne(hostFile);
    // The pin is the .pub file verbatim (comment included), as an operator copies it.
    String pin = Files.readString(hostFile.resolveSibling("ssh_host_ed25519_key.pub")).trim();
    PublicKey authorized =
        PublicKeyEntry.parsePublicKeyEntry(
                Files.readString(clientFile.resolveSibling("id_ed25519.pub")).trim())
            .resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING);
    TestSshServer server = server(authorized, sshdHostKey);
    SshHost h = host(server, pin, clientFile);
    assertEquals("keygen\n", h.run(List.of("echo", "keygen")).out());
    assertEquals(
        fingerprintBySshKeygen(hostFile.resolveSibling("ssh_host_ed25519_key.pub")),
        HostKeyPin.parse("alpha", pin).fingerprint(),
        "our fingerprint differs from ssh-keygen -lf");
  }

  @Test
  void anEd25519KeyTheServerDoesNotAuthorizeIsRefused() throws Exception {
    KeyPair stranger = KeyUtils.generateKeyPair("ssh-ed25519", 256);
    TestSshServer server = server(clientKey.getPublic(), hostKey);
    SshHost h =
        host(server, TestSshServer.publicKeyLine(hostKey), openSshKeyFile(stranger, "id_other"));
    HostUnreachableException e =
        assertThrows(HostUnreachableException.class, () -> h.run(List.of("true")));
    assertTrue(e.getMessage().contains("cannot connect to"), e.getMessage());
  }

  private static KeyPair loadOne(Path file) throws Exception {
    List<KeyPair> keys = new ArrayList<>();
    new FileKeyPairProvider(file).loadKeys(null).forEach(keys::add);
    assertEquals(1, keys.size());
    return keys.get(0);
  }

  /** ssh-keygen -t ed25519 into tmp; skips the test (with the reason) when it is not installed. */
  private Path sshKeygen(String name) throws Exception {
    Path f = tmp.resolve(name);
    Process p;
    try {
      p =
          new ProcessBuilder(
                  "ssh-keygen",
                  "-q",
                  "-t",
                  "ed25519",
                  "-N",
                  "",
                  "-C",
                  "test@node",
                  "-f",
                  f.toString())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      assumeTrue(false, "ssh-keygen is not installed (openssh-client): " + e.getMessage());
      throw e;
    }
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "ssh-keygen hung");
    assertEquals(0, p.exitValue(), "ssh-keygen failed: " + out);
    return f;
  }

  /** The SHA256:… field of {@code ssh-keygen -lf pub}. */
  private static String fingerprintBySshKeygen(Path pub) throws Exception {
    Process p =
        new ProcessBuilder("ssh-keygen", "-l", "-E", "sha256", "-f", pub.toString()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out.trim().split("\\s+")[1];
  }
}
