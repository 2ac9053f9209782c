package io.strata.simulator.drbd;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The parsed DRBD configuration: resources with hosts, volumes and connections. */
public final class DrbdConf {
  private DrbdConf() {}

  /** A resource as written in a .res file. */
  public record Resource(
      String name,
      String file,
      int line,
      Map<String, String> options,
      Map<String, String> net,
      List<Host> hosts,
      List<Connection> connections,
      List<String> mesh) {

    public Host host(String name) {
      return hosts.stream().filter(h -> h.name().equals(name)).findFirst().orElse(null);
    }

    /** A node-id, defaulting to the position for two-host resources without node-ids. */
    public int nodeId(Host h) {
      return h.nodeId() != null ? h.nodeId() : hosts.indexOf(h);
    }
  }

  /** An {@code on <name> { … }} section. */
  public record Host(
      String name, String address, Integer nodeId, TreeMap<Integer, Volume> volumes, int line) {}

  /**
   * A volume of a host.
   *
   * @param disk the backing device, null for {@code disk none}
   */
  public record Volume(int number, Integer minor, String disk, String metaDisk) {}

  /** A {@code connection { host … }} section. */
  public record Connection(List<ConnHost> hosts) {}

  /** One {@code host <name> [address …]} inside a connection. */
  public record ConnHost(String name, String address) {}

  /** A configuration error, printed like drbdadm does (rc 10). */
  public static final class ConfError extends Exception {
    public ConfError(String message) {
      super(message);
    }
  }
}
