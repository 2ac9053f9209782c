package io.strata.executors.host;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link Host} for one observation of one node: a probe (a command without stdin) that two layers
 * both need, such as {@code nvme list-subsys} for LVM's device filter and for the NVMe initiator,
 * runs once and both get its answer. One observation is one snapshot, so the second answer would
 * only differ by racing a concurrent change, which the next cycle sees anyway. Anything else
 * (stdin, files) goes straight through.
 */
public final class OnceHost implements ForwardingHost {
  private final Host host;
  private final Map<List<String>, Result> answered = new HashMap<>();

  public OnceHost(Host host) {
    this.host = Objects.requireNonNull(host, "host");
  }

  @Override
  public Host delegate() {
    return host;
  }

  @Override
  public synchronized Result run(List<String> argv, byte[] stdin, Duration timeout) {
    if (stdin != null && stdin.length > 0) {
      return host.run(argv, stdin, timeout);
    }
    List<String> key = List.copyOf(argv);
    Result seen = answered.get(key);
    if (seen != null) {
      return seen;
    }
    Result r = host.run(argv, stdin, timeout);
    answered.put(key, r);
    return r;
  }

  /** Not shared: a document read early is asked for by one layer (LVM's report). */
  @Override
  public EarlyAnswer runForDocument(List<String> argv, Duration timeout) {
    return host.runForDocument(argv, timeout);
  }
}
