package io.strata.executors.host;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link Host} whose commands time out after at most {@code limit}: observation runs through it,
 * so a probe blocked in the kernel (a scan of a dead NVMe-oF path queues I/O for {@code
 * ctrl_loss_tmo}, 600 s) marks its node unknown after one probe timeout instead of holding the
 * cycle for the apply timeout. Files are read without a cap: configfs and sysfs do not block.
 */
public record ProbeHost(Host host, Duration limit) implements Host {
  public ProbeHost {
    Objects.requireNonNull(host, "host");
    if (limit == null || limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException("a probe timeout must be positive, got " + limit);
    }
  }

  @Override
  public String name() {
    return host.name();
  }

  @Override
  public Result run(List<String> argv, byte[] stdin, Duration timeout) {
    return host.run(argv, stdin, timeout == null || timeout.compareTo(limit) > 0 ? limit : timeout);
  }

  @Override
  public void writeFile(Path path, byte[] content, int mode) {
    host.writeFile(path, content, mode);
  }

  @Override
  public Optional<byte[]> readFile(Path path) {
    return host.readFile(path);
  }

  @Override
  public List<String> list(Path dir) {
    return host.list(dir);
  }

  @Override
  public void deleteFile(Path path) {
    host.deleteFile(path);
  }
}
