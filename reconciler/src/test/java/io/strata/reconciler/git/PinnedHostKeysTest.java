package io.strata.reconciler.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.reconciler.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinnedHostKeysTest {
  @TempDir Path tmp;

  // ECDSA: Apache MINA SSHD handles it with the JDK alone (ed25519 through Bouncy Castle).
  private static PublicKey ecdsa() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    KeyPair kp = g.generateKeyPair();
    return kp.getPublic();
  }

  private static String line(PublicKey k) {
    return PublicKeyEntry.toString(k);
  }

  @Test
  void acceptsOnlyThePinnedKeyForThePinnedHost() throws Exception {
    PublicKey good = ecdsa();
    PublicKey other = ecdsa();
    PinnedHostKeys db = PinnedHostKeys.parse(List.of("git.example.test " + line(good)), tmp);
    assertTrue(db.accept("git.example.test", null, good, null, null));
    assertTrue(db.accept("[git.example.test]:2222", null, good, null, null));
    assertFalse(db.accept("git.example.test", null, other, null, null));
    assertFalse(db.accept("evil.example.test", null, good, null, null));
    assertEquals(1, db.lookup("git.example.test", null, null).size());
    assertEquals(0, db.lookup("evil.example.test", null, null).size());
  }

  @Test
  void readsKnownHostsFilesAndHostlessKeys() throws Exception {
    PublicKey a = ecdsa();
    PublicKey b = ecdsa();
    Files.writeString(tmp.resolve("known_hosts"), "# pinned\nhost-a " + line(a) + "\n");
    PinnedHostKeys db = PinnedHostKeys.parse(List.of("file:known_hosts", line(b)), tmp);
    assertTrue(db.accept("host-a", null, a, null, null));
    assertTrue(db.accept("anything", null, b, null, null));
    assertFalse(db.accept("anything", null, a, null, null));
  }

  @Test
  void anEd25519HostKeyCanBePinned() {
    // Bouncy Castle (a dependency of the executors' SSH client) gives MINA SSHD EdDSA support.
    String github =
        "github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
    PinnedHostKeys db = PinnedHostKeys.parse(List.of(github), tmp);
    assertEquals(1, db.lookup("github.com", null, null).size());
  }

  @Test
  void aGarbledLineIsAClearError() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> PinnedHostKeys.parse(List.of("host ssh-ed25519 !!!"), tmp));
    assertTrue(e.getMessage().contains("host key"), e.getMessage());
  }
}
