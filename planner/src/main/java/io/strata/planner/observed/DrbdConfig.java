package io.strata.planner.observed;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The configuration of one DRBD 9 resource as Strata writes it into {@code
 * /etc/drbd.d/strata-<name>.res}: the same on every node. The planner computes the desired one; the
 * executor parses the observed one back from the file, so equality means "no update needed". No
 * secret is held here: the executor derives {@code shared-secret} from the cluster key when
 * writing.
 */
public record DrbdConfig(
    String resource,
    int port,
    int minor,
    String protocol,
    SortedMap<String, String> options,
    List<Host> hosts,
    int peerSlots) {
  public DrbdConfig {
    options = Collections.unmodifiableSortedMap(new TreeMap<>(options));
    hosts = List.copyOf(hosts);
  }

  public static DrbdConfig of(
      String resource,
      int port,
      int minor,
      String protocol,
      Map<String, String> options,
      List<Host> hosts,
      int peerSlots) {
    return new DrbdConfig(
        resource, port, minor, protocol, new TreeMap<>(options), hosts, peerSlots);
  }

  /**
   * One {@code on <node>} section. {@code disk} is the backing device path, or null for a diskless
   * client or tiebreaker.
   */
  public record Host(String node, int nodeId, String address, String disk) {
    public boolean diskless() {
      return disk == null;
    }
  }

  public Optional<Host> host(String node) {
    return hosts.stream().filter(h -> h.node().equals(node)).findFirst();
  }

  public String devicePath() {
    return "/dev/drbd" + minor;
  }
}
