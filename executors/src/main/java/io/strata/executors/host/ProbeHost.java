package io.strata.executors.host;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Host} whose commands time out after at most {@code limit}: observation runs through it,
 * so a probe blocked in the kernel (a scan of a dead NVMe-oF path queues I/O for {@code
 * ctrl_loss_tmo}, 600 s) marks its node unknown after one probe timeout instead of holding the
 * cycle for the apply timeout. Files are read without a cap: configfs and sysfs do not block.
 */
public record ProbeHost(Host host, Duration limit) implements ForwardingHost {
  public ProbeHost {
    Objects.requireNonNull(host, "host");
    if (limit == null || limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException("a probe timeout must be positive, got " + limit);
    }
  }

  @Override
  public Host delegate() {
    return host;
  }

  @Override
  public Result run(List<String> argv, byte[] stdin, Duration timeout) {
    return host.run(argv, stdin, capped(timeout));
  }

  @Override
  public EarlyAnswer runForDocument(List<String> argv, Duration timeout) {
    return host.runForDocument(argv, capped(timeout));
  }

  private Duration capped(Duration timeout) {
    return timeout == null || timeout.compareTo(limit) > 0 ? limit : timeout;
  }
}
