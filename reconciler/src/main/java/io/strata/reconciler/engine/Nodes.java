package io.strata.reconciler.engine;

import io.strata.executors.host.Host;
import io.strata.executors.host.LocalHost;
import io.strata.executors.host.SshHost;
import io.strata.executors.host.SshHostConfig;
import io.strata.executors.host.SshTransport;
import io.strata.reconciler.config.StrataConfig;
import io.strata.schema.model.Node;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * How to reach each node, by its {@code connection.type}: a local process, SSH with a pinned host
 * key, or the simulated cluster. Hosts are made on first use and reused (SSH sessions stay open for
 * the engine's lifetime).
 */
final class Nodes implements AutoCloseable {
  private final StrataConfig config;
  private final Access access;
  private final Map<String, Host> hosts = new ConcurrentHashMap<>();
  private Simulation simulation;
  private SshTransport ssh; // one client for all SSH nodes, started on first use
  private volatile BooleanSupplier fence; // null: unfenced (the CLI, a daemon without ha:)

  /** How the simulated cluster is opened: for work, read only (plan), or to be reset. */
  enum Access {
    READ_WRITE,
    READ_ONLY,
    RESET
  }

  private Nodes(StrataConfig config, Access access) {
    this.config = config;
    this.access = access;
  }

  static Nodes create(StrataConfig config) {
    return new Nodes(config, Access.READ_WRITE);
  }

  static Nodes create(StrataConfig config, Access access) {
    return new Nodes(config, access);
  }

  Host host(Node node) {
    return hosts.computeIfAbsent(
        node.name(),
        n -> {
          Host h = connect(node);
          BooleanSupplier f = fence;
          return f == null ? h : new FencedHost(h, f);
        });
  }

  /** From now on, every host made asks {@code fence} before each command (HA). */
  void fence(BooleanSupplier fence) {
    this.fence = fence;
  }

  /** The host of a node by name, once it has been connected (apply runs after observe). */
  Host host(String node) {
    Host h = hosts.get(node);
    if (h == null) {
      throw new IllegalStateException("node " + node + " was not observed before apply");
    }
    return h;
  }

  private Host connect(Node node) {
    return switch (node.connection().type()) {
      case SIMULATED -> simulation().host(node.name());
      case LOCAL -> new LocalHost(node.name());
      case SSH -> new SshHost(SshHostConfig.of(node, config.ssh().identityFile()), sshTransport());
    };
  }

  private synchronized SshTransport sshTransport() {
    if (ssh == null) {
      ssh = SshTransport.start();
    }
    return ssh;
  }

  synchronized Simulation simulation() {
    if (simulation == null) {
      simulation = Simulation.open(config, access == Access.READ_ONLY, access == Access.RESET);
    }
    return simulation;
  }

  /**
   * On a simulated cluster, models applications writing to every device that is now exposed, so
   * that the data ledger counts any later destruction of it as data loss unless the plan approved
   * it.
   */
  synchronized void markInUse() {
    if (simulation != null) {
      simulation.cluster().markInUse();
    }
  }

  /** Whether apply must tell the simulation about authorized destruction (for the data ledger). */
  synchronized boolean simulated() {
    return simulation != null;
  }

  @Override
  public void close() {
    for (Host h : hosts.values()) {
      if (h instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception ignored) {
          // closing an SSH session that already dropped is not an error worth reporting
        }
      }
    }
    if (ssh != null) {
      ssh.close();
    }
  }
}
