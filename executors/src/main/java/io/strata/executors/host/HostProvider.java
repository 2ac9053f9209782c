package io.strata.executors.host;

import java.util.Set;

/**
 * Maps a node name to its {@link Host}. The CLI builds one from the Node manifests, choosing {@link
 * LocalHost}, {@code SshHost} or a simulated host per {@code spec.connection.type}.
 */
public interface HostProvider {
  /**
   * The host of {@code node}.
   *
   * @throws IllegalArgumentException when the node is unknown (a bug: plans only name known nodes)
   */
  Host host(String node);

  /** The node names this provider knows, sorted. */
  Set<String> nodes();
}
