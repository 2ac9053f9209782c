package io.strata.executors.host;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** A fixed map from node name to host. */
public final class MapHostProvider implements HostProvider {
  private final Map<String, Host> hosts;

  public MapHostProvider(Map<String, ? extends Host> hosts) {
    this.hosts = Map.copyOf(hosts);
  }

  /** Keyed by each host's {@link Host#name()}; rejects two hosts with the same name. */
  public static MapHostProvider of(Collection<? extends Host> hosts) {
    Map<String, Host> m = new TreeMap<>();
    for (Host h : hosts) {
      if (m.putIfAbsent(h.name(), h) != null) {
        throw new IllegalArgumentException("two hosts are named " + h.name());
      }
    }
    return new MapHostProvider(m);
  }

  @Override
  public Host host(String node) {
    Host h = hosts.get(node);
    if (h == null) {
      throw new IllegalArgumentException(
          "no host for node " + node + " (known: " + nodes() + ") — is there a Node manifest?");
    }
    return h;
  }

  @Override
  public Set<String> nodes() {
    return new TreeSet<>(hosts.keySet());
  }
}
