package io.strata.executors.host;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
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
   * As {@link #run(List, byte[], Duration)}, and {@code stderr} sees the command's stderr while it
   * runs; the result still holds all of it. A host that cannot stream hands it over when the
   * command has ended (this default), so every host and test fake supports the call.
   */
  default Result run(List<String> argv, byte[] stdin, Duration timeout, OutputListener stderr) {
    Result r = run(argv, stdin, timeout);
    OutputListener.deliver(stderr, r.stderr(), 0, r.stderr().length);
    return r;
  }

  /**
   * Runs a read-only probe (no stdin) whose stdout is one JSON document, and hands the document
   * over as soon as it is complete, which may be before the command has exited; the {@link
   * EarlyAnswer#result()} follows when it has. A host that cannot stream answers when the command
   * has ended (this default, through {@link #run(List, byte[], Duration)}, so a wrapper that
   * overrides only {@code run} still sees the command).
   */
  default EarlyAnswer runForDocument(List<String> argv, Duration timeout) {
    return EarlyAnswer.after(run(argv, new byte[0], timeout));
  }

  /**
   * Writes a file atomically with the given POSIX mode (e.g. 0600 for anything holding a secret).
   */
  void writeFile(Path path, byte[] content, int mode);

  /** The content of a file, or empty when it does not exist. */
  Optional<byte[]> readFile(Path path);

  /** The names of the entries of a directory (sorted), or an empty list when it does not exist. */
  List<String> list(Path dir);

  /**
   * The tree under {@code root} down to {@code maxDepth} levels, with the content of the regular
   * files whose name matches one of {@code read} ({@code *} for any run of characters), as one
   * snapshot: over SSH one round trip instead of one per directory and file. A root that does not
   * exist gives an empty tree; a file that cannot be read or is larger than {@link
   * FileTree#MAX_FILE_BYTES} is marked {@link FileTree.Unreadable} and does not fail the call.
   */
  default FileTree readTree(Path root, int maxDepth, Collection<String> read) {
    return FileTree.walk(this, root, maxDepth, read);
  }

  /** Removes a file if it exists. */
  void deleteFile(Path path);

  default Result run(List<String> argv) {
    return run(argv, new byte[0], Duration.ofMinutes(5));
  }
}
