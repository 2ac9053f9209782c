package io.strata.planner.observed;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The observed cluster: the nodes that answered, and the nodes that did not (with the reason). A
 * node in {@code unreachable} is unknown: the planner assumes nothing about its objects.
 */
public record ObservedState(
    SortedMap<String, NodeState> nodes, SortedMap<String, String> unreachable) {
  public ObservedState {
    nodes = Collections.unmodifiableSortedMap(new TreeMap<>(nodes));
    unreachable = Collections.unmodifiableSortedMap(new TreeMap<>(unreachable));
  }

  public static ObservedState empty() {
    return new ObservedState(new TreeMap<>(), new TreeMap<>());
  }

  public static ObservedState of(Map<String, NodeState> nodes, Map<String, String> unreachable) {
    return new ObservedState(new TreeMap<>(nodes), new TreeMap<>(unreachable));
  }

  public Optional<NodeState> node(String name) {
    return Optional.ofNullable(nodes.get(name));
  }

  public boolean isUnknown(String node) {
    return unreachable.containsKey(node);
  }
}
