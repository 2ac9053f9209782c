package io.strata.planner.dag;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A mutable directed graph of keys where an edge {@code a dependsOn b} means "b must happen before
 * a". Keys are comparable so that every traversal is deterministic.
 *
 * @param <K> the vertex key
 */
public final class Dag<K extends Comparable<K>> {
  private final Map<K, SortedSet<K>> dependsOn = new TreeMap<>();
  private final Map<K, SortedSet<K>> dependants = new HashMap<>();

  /**
   * The graph of {@code keys}, where {@code keys.get(i)} depends on every key of {@code
   * dependsOn.get(i)}, checked: a key listed twice or a dependency on a key not listed is an
   * IllegalArgumentException naming it, a cycle a {@link CycleException} naming it. The planner's
   * order and the runner's walk both take their graph from here, so they agree on what a valid plan
   * is.
   */
  public static <K extends Comparable<K>> Dag<K> checked(
      List<K> keys, List<? extends Collection<K>> dependsOn) {
    Dag<K> g = new Dag<>();
    for (K k : keys) {
      if (g.contains(k)) {
        throw new IllegalArgumentException(k + " is listed twice");
      }
      g.add(k);
    }
    for (int i = 0; i < keys.size(); i++) {
      for (K d : dependsOn.get(i)) {
        if (!g.contains(d)) {
          throw new IllegalArgumentException(
              keys.get(i) + " depends on " + d + ", which is not listed");
        }
        g.dependsOn(keys.get(i), d);
      }
    }
    g.topologicalOrder();
    return g;
  }

  /** Adds a vertex (no-op when present). */
  public Dag<K> add(K key) {
    dependsOn.computeIfAbsent(key, k -> new TreeSet<>());
    dependants.computeIfAbsent(key, k -> new TreeSet<>());
    return this;
  }

  /** Records that {@code from} depends on {@code to}; adds both vertices. Self-edges are cycles. */
  public Dag<K> dependsOn(K from, K to) {
    add(from);
    add(to);
    dependsOn.get(from).add(to);
    dependants.get(to).add(from);
    return this;
  }

  public boolean contains(K key) {
    return dependsOn.containsKey(key);
  }

  public Set<K> keys() {
    return Collections.unmodifiableSet(dependsOn.keySet());
  }

  /** The direct dependencies of {@code key}, sorted. */
  public SortedSet<K> dependenciesOf(K key) {
    SortedSet<K> d = dependsOn.get(key);
    return d == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(d);
  }

  /** Every vertex that depends on {@code key}, directly or transitively, sorted. */
  public SortedSet<K> dependantsOf(K key) {
    SortedSet<K> out = new TreeSet<>();
    Deque<K> todo = new ArrayDeque<>(dependants.getOrDefault(key, Collections.emptySortedSet()));
    while (!todo.isEmpty()) {
      K k = todo.pop();
      if (out.add(k)) {
        todo.addAll(dependants.get(k));
      }
    }
    return out;
  }

  /**
   * A topological order (dependencies first). Among vertices that are ready at the same time the
   * smallest key comes first, so the order is a pure function of the graph.
   *
   * @throws CycleException naming one cycle when the graph is not acyclic
   */
  public List<K> topologicalOrder() {
    Map<K, Integer> pending = new HashMap<>();
    TreeSet<K> ready = new TreeSet<>();
    for (Map.Entry<K, SortedSet<K>> e : dependsOn.entrySet()) {
      pending.put(e.getKey(), e.getValue().size());
      if (e.getValue().isEmpty()) {
        ready.add(e.getKey());
      }
    }
    List<K> order = new ArrayList<>(dependsOn.size());
    while (!ready.isEmpty()) {
      K k = ready.pollFirst();
      order.add(k);
      for (K d : dependants.get(k)) {
        int left = pending.merge(d, -1, Integer::sum);
        if (left == 0) {
          ready.add(d);
        }
      }
    }
    if (order.size() != dependsOn.size()) {
      throw new CycleException(findCycle(pending));
    }
    return order;
  }

  /** Walks dependsOn edges among the vertices left over by Kahn until a vertex repeats. */
  private List<K> findCycle(Map<K, Integer> pending) {
    K start = null;
    for (Map.Entry<K, Integer> e : new TreeMap<>(pending).entrySet()) {
      if (e.getValue() > 0) {
        start = e.getKey();
        break;
      }
    }
    List<K> path = new ArrayList<>();
    Set<K> seen = new HashSet<>();
    K k = start;
    while (seen.add(k)) {
      path.add(k);
      K next = null;
      for (K d : dependsOn.get(k)) {
        if (pending.get(d) > 0) {
          next = d;
          break;
        }
      }
      k = next;
    }
    List<K> cycle = new ArrayList<>(path.subList(path.indexOf(k), path.size()));
    cycle.add(k);
    return cycle;
  }
}
