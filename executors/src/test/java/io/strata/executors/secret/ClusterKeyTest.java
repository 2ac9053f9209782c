package io.strata.executors.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.schema.model.SecretRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterKeyTest {
  static final byte[] K = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  @Test
  void derivedSecretsAreStablePerResourceAndSafeInAResFile() {
    ClusterKey k = ClusterKey.of(K);
    assertEquals(k.drbdSharedSecret("pg-data"), ClusterKey.of(K).drbdSharedSecret("pg-data"));
    assertNotEquals(k.drbdSharedSecret("pg-data"), k.drbdSharedSecret("pg-logs"));
    assertTrue(k.drbdSharedSecret("pg-data").matches("[A-Za-z0-9_-]{43}"));
    K[0] ^= 1;
    try {
      assertNotEquals(k.drbdSharedSecret("pg-data"), ClusterKey.of(K).drbdSharedSecret("pg-data"));
    } finally {
      K[0] ^= 1;
    }
    assertEquals("ClusterKey[<redacted>]", k.toString());
    assertThrows(IllegalArgumentException.class, () -> ClusterKey.of(new byte[8]));
  }

  @Test
  void resolverReadsEnvAndFilesExactlyAndNeverEchoesValues(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("k");
    Files.write(f, "pass\n".getBytes(StandardCharsets.UTF_8));
    EnvFileSecretResolver r = new EnvFileSecretResolver(Map.of("KEY", "s3cr3t"));
    assertEquals(
        "s3cr3t", new String(r.resolve(SecretRef.parse("env:KEY")), StandardCharsets.UTF_8));
    assertEquals(
        "pass\n", new String(r.resolve(SecretRef.parse("file:" + f)), StandardCharsets.UTF_8));
    var e =
        assertThrows(
            SecretUnavailableException.class, () -> r.resolve(SecretRef.parse("env:NOPE")));
    assertTrue(e.getMessage().contains("NOPE"));
    var e2 =
        assertThrows(
            SecretUnavailableException.class,
            () -> r.resolve(SecretRef.parse("file:" + dir.resolve("x"))));
    assertTrue(e2.getMessage().contains("cannot read"));
  }
}
