package io.strata.executors.layer;

import io.strata.executors.host.Host;

/**
 * Capability: the layer observes its objects on one node with one batched probe (a few commands at
 * most, never one per object where avoidable) and adds them to the builder.
 *
 * @throws ObservationException when the tool ran but its answer cannot be trusted (the node must
 *     then be treated as unknown, never as empty)
 */
public interface Observer {
  void observe(Host host, NodeInventory inventory, NodeStateBuilder into);
}
