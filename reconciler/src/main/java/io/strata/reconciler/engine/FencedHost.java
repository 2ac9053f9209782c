package io.strata.reconciler.engine;

import io.strata.executors.host.EarlyAnswer;
import io.strata.executors.host.FileTree;
import io.strata.executors.host.Host;
import io.strata.executors.host.HostUnreachableException;
import io.strata.executors.host.OutputListener;
import io.strata.executors.host.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A node seen through the HA fence: every command and file access asks the fence first, and a
 * closed fence makes the node unreachable for this process. The plan runner already asks before
 * each change; this catches the commands of a change that was running when the lease ran out (a
 * process paused in the middle of a change resumes into a closed fence), so a fenced instance sends
 * nothing more to any node.
 */
final class FencedHost implements Host, AutoCloseable {
  private final Host host;
  private final BooleanSupplier fence;

  FencedHost(Host host, BooleanSupplier fence) {
    this.host = host;
    this.fence = fence;
  }

  private void check() {
    if (!fence.getAsBoolean()) {
      throw new HostUnreachableException(
          host.name(), "fenced: this instance lost its HA lease and may not touch the node");
    }
  }

  @Override
  public String name() {
    return host.name();
  }

  @Override
  public Result run(List<String> argv, byte[] stdin, Duration timeout) {
    check();
    return host.run(argv, stdin, timeout);
  }

  @Override
  public Result run(List<String> argv, byte[] stdin, Duration timeout, OutputListener stderr) {
    check();
    return host.run(argv, stdin, timeout, stderr);
  }

  @Override
  public EarlyAnswer runForDocument(List<String> argv, Duration timeout) {
    check();
    return host.runForDocument(argv, timeout);
  }

  @Override
  public void writeFile(Path path, byte[] content, int mode) {
    check();
    host.writeFile(path, content, mode);
  }

  @Override
  public Optional<byte[]> readFile(Path path) {
    check();
    return host.readFile(path);
  }

  @Override
  public List<String> list(Path dir) {
    check();
    return host.list(dir);
  }

  @Override
  public FileTree readTree(Path root, int maxDepth, Collection<String> read) {
    check();
    return host.readTree(root, maxDepth, read);
  }

  @Override
  public void deleteFile(Path path) {
    check();
    host.deleteFile(path);
  }

  @Override
  public void close() throws Exception {
    if (host instanceof AutoCloseable c) {
      c.close();
    }
  }
}
