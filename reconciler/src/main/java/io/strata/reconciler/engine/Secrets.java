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
import java.nio.file.StandardCopyOption;
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
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(tmp, key);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException raced) {
        Files.deleteIfExists(tmp); // another process generated it first: use theirs
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the cluster key " + file, e);
    }
  }
}
