package io.strata.executors.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * File operations of {@link SshHost} as small shell scripts run through {@link Host#run} (so sudo
 * and quoting apply); paths travel as positional parameters, never spliced into the script.
 */
final class SshFiles {
  /** Exit code the scripts use for "does not exist". */
  private static final int ABSENT = 100;

  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  // umask 077: the temp file is owner-only from birth, so content is never exposed more widely
  // than the final mode; chmod before mv, so the file appears at its path with its final mode.
  private static final String WRITE_ATOMIC =
      "umask 077; tmp=$1; mode=$2; dst=$3;"
          + " if cat > \"$tmp\" && chmod \"$mode\" \"$tmp\" && mv -f -- \"$tmp\" \"$dst\";"
          + " then exit 0; fi; rc=$?; rm -f -- \"$tmp\"; exit $rc";

  // Kernel attribute files (configfs, sysfs) cannot be renamed onto: write them in place.
  private static final String WRITE_IN_PLACE = "cat > \"$1\"";

  private static final String READ = "[ -e \"$1\" ] || exit " + ABSENT + "; exec cat -- \"$1\"";

  private static final String LIST = "[ -d \"$1\" ] || exit " + ABSENT + "; exec ls -1A -- \"$1\"";

  private final Host host;

  SshFiles(Host host) {
    this.host = host;
  }

  void write(Path path, byte[] content, int mode) {
    PosixModes.toPermissions(mode); // validates
    String octal = PosixModes.toOctal(mode);
    String p = path.toString();
    Result r;
    if (p.startsWith("/sys/") || p.startsWith("/proc/")) {
      r = host.run(List.of("sh", "-c", WRITE_IN_PLACE, "sh", p), content, TIMEOUT);
    } else {
      String tmp = p + ".strata-" + UUID.randomUUID().toString().substring(0, 8) + ".tmp";
      r = host.run(List.of("sh", "-c", WRITE_ATOMIC, "sh", tmp, octal, p), content, TIMEOUT);
    }
    check(r, "write", path);
  }

  Optional<byte[]> read(Path path) {
    Result r = host.run(List.of("sh", "-c", READ, "sh", path.toString()), new byte[0], TIMEOUT);
    if (r.exitCode() == ABSENT && !r.timedOut()) {
      return Optional.empty();
    }
    check(r, "read", path);
    return Optional.of(r.stdout());
  }

  List<String> list(Path dir) {
    Result r = host.run(List.of("sh", "-c", LIST, "sh", dir.toString()), new byte[0], TIMEOUT);
    if (r.exitCode() == ABSENT && !r.timedOut()) {
      return List.of();
    }
    check(r, "list", dir);
    List<String> names = new ArrayList<>(Arrays.asList(r.out().split("\n")));
    names.removeIf(String::isEmpty);
    names.sort(null);
    return names;
  }

  /** One {@link TreeScript} run: the whole tree in one round trip. */
  FileTree readTree(Path root, int maxDepth, Collection<String> read) {
    Path r = FileTree.checkedRoot(root);
    int depth = FileTree.checkedDepth(maxDepth);
    List<String> patterns = FileTree.checkedPatterns(read);
    String token = TreeScript.token();
    Result res = host.run(TreeScript.argv(r, depth, token, patterns), new byte[0], TIMEOUT);
    check(res, "read the tree", r);
    try {
      return TreeScript.parse(res.stdout(), token, r, depth);
    } catch (IllegalArgumentException e) {
      String msg =
          host.name() + ": cannot read the tree " + r + ": garbled output: " + e.getMessage();
      throw new UncheckedIOException(msg, new IOException(msg, e));
    }
  }

  void delete(Path path) {
    check(
        host.run(List.of("rm", "-f", "--", path.toString()), new byte[0], TIMEOUT), "delete", path);
  }

  private void check(Result r, String what, Path path) {
    if (!r.success()) {
      String msg =
          host.name()
              + ": cannot "
              + what
              + " "
              + path
              + (r.timedOut() ? " (timed out)" : " (exit " + r.exitCode() + ")")
              + ": "
              + r.err().strip();
      throw new UncheckedIOException(msg, new IOException(msg));
    }
  }
}
