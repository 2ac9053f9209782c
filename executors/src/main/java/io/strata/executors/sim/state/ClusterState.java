package io.strata.executors.sim.state;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/** All nodes plus the cluster-wide meta, as one transaction sees them. */
public final class ClusterState {
  private final Map<String, NodeState> nodes;
  private final ClusterMeta meta;
  private final Function<String, NodeState> seeder;

  public ClusterState(
      Map<String, NodeState> nodes, ClusterMeta meta, Function<String, NodeState> seeder) {
    this.nodes = nodes;
    this.meta = meta;
    this.seeder = seeder;
  }

  public ClusterMeta meta() {
    return meta;
  }

  /** The node, seeded on first use. */
  public NodeState node(String name) {
    return nodes.computeIfAbsent(name, seeder);
  }

  /** The node if it exists already (does not seed). */
  public Optional<NodeState> existing(String name) {
    return Optional.ofNullable(nodes.get(name));
  }

  public Map<String, NodeState> nodes() {
    return new TreeMap<>(nodes);
  }
}
