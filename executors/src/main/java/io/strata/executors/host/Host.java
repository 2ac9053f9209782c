package io.strata.executors.host;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One node. Every method throws {@link HostUnreachableException} when the node cannot be reached
 * (as opposed to a command that ran and failed, which is a {@link Result} with a non-zero exit
 * code).
 */
public interface Host {
  /** The node's name as in the manifests. */
  String name();

  /**
   * Runs {@code argv} (never through a shell), feeding {@code stdin} (may be empty), within {@code
   * timeout}.
   */
  Result run(List<String> argv, byte[] stdin, Duration timeout);

  /**
   * Writes a file atomically with the given POSIX mode (e.g. 0600 for anything holding a secret).
   */
  void writeFile(Path path, byte[] content, int mode);

  /** The content of a file, or empty when it does not exist. */
  Optional<byte[]> readFile(Path path);

  /** The names of the entries of a directory (sorted), or an empty list when it does not exist. */
  List<String> list(Path dir);

  /** Removes a file if it exists. */
  void deleteFile(Path path);

  default Result run(List<String> argv) {
    return run(argv, new byte[0], Duration.ofMinutes(5));
  }
}
