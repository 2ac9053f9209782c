package io.strata.planner.alloc;

import io.strata.planner.index.ObservedIndex;
import io.strata.planner.observed.DrbdConfig;
import io.strata.schema.model.ResourceTemplate.DrbdOptions;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DRBD identifiers, per ARCHITECTURE.md §6.2: a TCP port (7000–7999, the same on every host of a
 * resource), a minor (from 1000, unique across all resources on all nodes, so the same on every
 * host) and a node-id per host. Whatever an observed config already uses is kept; everything else
 * is the lowest free value. Call {@link #config} in volume-name order.
 *
 * <p>Ports are unique per node, not cluster-wide: the lowest port free on every host of the
 * resource. DRBD only needs a port to be free where it listens, and a cluster-wide unique port
 * would cap a cluster at 1,000 resources (the benchmark has 10,000).
 */
public final class DrbdAllocator {
  public static final int PORT_MIN = 7000;
  public static final int PORT_MAX = 7999;
  public static final int MINOR_MIN = 1000;

  private final ObservedIndex idx;
  private final Map<String, BitSet> ports;
  private final List<String> warnings = new ArrayList<>();
  private final BitSet minors;

  public DrbdAllocator(ObservedIndex idx) {
    this.idx = idx;
    this.ports = idx.usedPorts();
    this.minors = idx.usedMinors();
  }

  /** One host of the desired resource: node, address, backing disk (null = diskless). */
  public record HostSpec(String node, String address, String disk) {}

  /**
   * The desired configuration of {@code volume} over {@code hosts}, or null when the port range is
   * exhausted.
   */
  public DrbdConfig config(
      String volume, DrbdOptions opts, List<HostSpec> hosts, int defaultPeerSlots) {
    DrbdOptions o = opts == null ? DrbdOptions.DEFAULT : opts;
    DrbdConfig seen = idx.drbdConfig(volume);
    int port;
    int minor;
    int peerSlots;
    Map<String, Integer> ids = new HashMap<>();
    BitSet usedIds = new BitSet();
    if (seen != null) {
      port = seen.port();
      minor = seen.minor();
      peerSlots = seen.peerSlots();
      for (DrbdConfig.Host h : seen.hosts()) {
        ids.put(h.node(), h.nodeId());
        usedIds.set(h.nodeId());
      }
    } else {
      port = freePort(hosts);
      if (port < 0) {
        return null;
      }
      minor = minors.nextClearBit(MINOR_MIN);
      minors.set(minor);
      peerSlots = defaultPeerSlots;
    }
    if (seen != null && takenOnANewHost(volume, seen, hosts, port)) {
      // a host joining the resource already listens on its port for another resource: the whole
      // resource moves to a port free on every host (an update everywhere; adjust re-connects)
      int moved = freePort(hosts);
      if (moved < 0) {
        return null;
      }
      warnings.add(
          volume
              + ": DRBD port moves from "
              + port
              + " to "
              + moved
              + " because a new host already uses "
              + port);
      port = moved;
    }
    for (HostSpec h : hosts) {
      ports.computeIfAbsent(h.node(), k -> new BitSet()).set(port);
    }
    List<DrbdConfig.Host> out = new ArrayList<>();
    for (HostSpec h : hosts.stream().sorted(Comparator.comparing(HostSpec::node)).toList()) {
      Integer id = ids.get(h.node());
      if (id == null) {
        id = usedIds.nextClearBit(0);
        usedIds.set(id);
      }
      out.add(new DrbdConfig.Host(h.node(), id, h.address(), h.disk()));
    }
    return DrbdConfig.of(volume, port, minor, o.protocol(), options(o), out, peerSlots);
  }

  /** The lowest port in range free on every host, or -1. */
  private int freePort(List<HostSpec> hosts) {
    BitSet taken = new BitSet();
    for (HostSpec h : hosts) {
      BitSet onNode = ports.get(h.node());
      if (onNode != null) {
        taken.or(onNode);
      }
    }
    int port = taken.nextClearBit(PORT_MIN);
    return port > PORT_MAX ? -1 : port;
  }

  /**
   * A host missing from {@code seen} (one node's view, possibly stale) whose node uses the port for
   * another resource. Its own copy of this resource on that port is no conflict: counting it moved
   * the port on one plan and back on the next.
   */
  private boolean takenOnANewHost(String volume, DrbdConfig seen, List<HostSpec> hosts, int port) {
    for (HostSpec h : hosts) {
      BitSet onNode = ports.get(h.node());
      var own = idx.drbd(volume).get(h.node());
      boolean ownPort = own != null && own.config() != null && own.config().port() == port;
      if (seen.host(h.node()).isEmpty() && !ownPort && onNode != null && onNode.get(port)) {
        return true;
      }
    }
    return false;
  }

  /** Problems found while allocating (shown as plan warnings), in the order found. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /**
   * The template's options under canonical keys ({@link DrbdOptionKeys}), the form the executors
   * parse back from the .res file, so that a converged resource plans no update.
   */
  static Map<String, String> options(DrbdOptions o) {
    Map<String, String> m = DrbdOptionKeys.canonicalize(o.options());
    if (o.quorum() != null && !o.quorum().isEmpty()) {
      m.putIfAbsent("quorum", o.quorum());
    }
    return m;
  }
}
