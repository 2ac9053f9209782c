package io.strata.executors.host;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A {@link Host} that hands every call to {@link #delegate()}: a wrapper that changes one thing
 * ({@link ProbeHost} caps timeouts, {@link OnceHost} answers a repeated probe once) overrides only
 * that and inherits the rest.
 */
public interface ForwardingHost extends Host {
  Host delegate();

  @Override
  default String name() {
    return delegate().name();
  }

  @Override
  default Result run(List<String> argv, byte[] stdin, Duration timeout) {
    return delegate().run(argv, stdin, timeout);
  }

  @Override
  default void writeFile(Path path, byte[] content, int mode) {
    delegate().writeFile(path, content, mode);
  }

  @Override
  default Optional<byte[]> readFile(Path path) {
    return delegate().readFile(path);
  }

  @Override
  default List<String> list(Path dir) {
    return delegate().list(dir);
  }

  @Override
  default FileTree readTree(Path root, int maxDepth, Collection<String> read) {
    return delegate().readTree(root, maxDepth, read);
  }

  @Override
  default void deleteFile(Path path) {
    delegate().deleteFile(path);
  }
}
