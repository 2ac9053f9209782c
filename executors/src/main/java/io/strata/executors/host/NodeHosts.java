package io.strata.executors.host;

import io.strata.schema.model.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Builds the {@link HostProvider} for a set of Node manifests: {@code local} → {@link LocalHost},
 * {@code ssh} → {@link SshHost} over the shared transport, {@code simulated} → whatever the
 * simulated cluster hands out for that node.
 */
public final class NodeHosts {
  private NodeHosts() {}

  /**
   * @param sshKey the private key file for ssh nodes (may be null when there are none)
   * @param transport the shared SSH client (may be null when there are no ssh nodes)
   * @param simulated the simulated cluster's host for a node (may be null when there are none)
   */
  public static HostProvider of(
      List<Node> nodes, Path sshKey, SshTransport transport, Function<Node, Host> simulated) {
    List<Host> hosts = new ArrayList<>();
    for (Node n : nodes) {
      Node.Connection.Type type =
          n.connection() == null ? Node.Connection.Type.SIMULATED : n.connection().type();
      hosts.add(
          switch (type) {
            case LOCAL -> new LocalHost(n.name());
            case SSH ->
                new SshHost(
                    SshHostConfig.of(n, require(sshKey, n, "ssh private key (strata.yaml)")),
                    require(transport, n, "SSH transport"));
            case SIMULATED -> require(simulated, n, "simulated cluster").apply(n);
          });
    }
    return MapHostProvider.of(hosts);
  }

  private static <T> T require(T value, Node n, String what) {
    if (value == null) {
      throw new IllegalArgumentException(
          "node "
              + n.name()
              + " is reached by "
              + n.connection().type()
              + " but no "
              + what
              + " is configured");
    }
    return Objects.requireNonNull(value);
  }
}
