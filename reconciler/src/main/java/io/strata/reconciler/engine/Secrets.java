package io.strata.reconciler.engine;

import io.strata.executors.secret.ClusterKey;
import io.strata.executors.secret.EnvFileSecretResolver;
import io.strata.executors.secret.SecretResolver;
import io.strata.reconciler.config.StrataConfig;
import io.strata.schema.model.SecretRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

/**
 * The reconciler host's secrets: a resolver for {@code env:}/{@code file:} references and the
 * cluster key. A cluster key file that does not exist yet is generated (32 random bytes, mode
 * 0600), as §12 promises, so that a first run needs no preparation; an {@code env:} key must be
 * set.
 */
record Secrets(SecretResolver resolver, ClusterKey clusterKey) {
  static Secrets create(StrataConfig config, Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(overrides);
    SecretResolver resolver = new EnvFileSecretResolver(env);
    SecretRef ref = config.secrets().clusterKeyRef();
    if (ref.source() == SecretRef.Source.FILE) {
      Path file = config.baseDir().resolve(ref.value()).normalize();
      ensureKeyFile(file);
      ref = new SecretRef(SecretRef.Source.FILE, file.toString());
    }
    return new Secrets(resolver, ClusterKey.load(resolver, ref));
  }

  private static void ensureKeyFile(Path file) {
    if (Files.exists(file)) {
      return;
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp =
          Files.createTempFile(
              dir,
              file.getFileName() + ".",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.write(tmp, key);
        // a link, not a rename: rename replaces a key another process published meanwhile, and
        // the DRBD secrets it already derived would no longer match
        Files.createLink(file, tmp);
      } catch (FileAlreadyExistsException raced) {
        // another process generated it first: use theirs
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the cluster key " + file, e);
    }
  }
}
