package io.strata.executors.host;

import io.strata.schema.model.Node;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one node over SSH. {@code hostKey} is the pinned OpenSSH public key line (null: not
 * pinned — every connection is then refused, naming the presented fingerprint); {@code privateKey}
 * an unencrypted OpenSSH/PEM private key file; {@code sudo} prefixes commands with {@code sudo -n
 * --}.
 */
public record SshHostConfig(
    String node,
    String address,
    int port,
    String user,
    String hostKey,
    Path privateKey,
    boolean sudo,
    Duration connectTimeout,
    Duration authTimeout) {
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(15);

  public SshHostConfig {
    Objects.requireNonNull(node, "node");
    if (address == null || address.isBlank()) {
      throw new IllegalArgumentException("node " + node + ": ssh needs an address");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "node " + node + ": ssh port " + port + " is not 1..65535");
    }
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException(
          "node " + node + ": ssh needs spec.connection.user (e.g. root, or a sudoer with sudo)");
    }
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(authTimeout, "authTimeout");
  }

  /**
   * From a Node manifest with {@code connection.type: ssh}: SSH goes to {@code connection.host}
   * when given, else to {@code address} (which stays the DRBD/NVMe data address either way).
   */
  public static SshHostConfig of(Node node, Path privateKey) {
    Node.Connection c = node.connection();
    if (c == null || c.type() != Node.Connection.Type.SSH) {
      throw new IllegalArgumentException("node " + node.name() + " is not reached over ssh");
    }
    return new SshHostConfig(
        node.name(),
        node.sshHost(),
        c.port() == 0 ? 22 : c.port(),
        c.user(),
        c.hostKey(),
        privateKey,
        c.sudo(),
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_AUTH_TIMEOUT);
  }
}
