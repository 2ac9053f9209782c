package io.strata.executors.sim.state;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** All nodes plus the cluster-wide meta, as one transaction sees them. */
public final class ClusterState {
  private final Map<String, NodeState> nodes;
  private final ClusterMeta meta;
  private final Function<String, NodeState> seeder;

  /** {@code nodes} should be sorted (a TreeMap) so that iteration is deterministic. */
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

  /** Forgets a node: the next use seeds it afresh ({@code strata sim reset --node}). */
  public void remove(String name) {
    nodes.remove(name);
  }

  /** The nodes that exist, by name (a read-only view; do not seed while iterating). */
  public Map<String, NodeState> nodes() {
    return Collections.unmodifiableMap(nodes);
  }
}
