package io.strata.reconciler.engine;

import io.strata.executors.host.HostUnreachableException;
import io.strata.executors.layer.NodeInventory;
import io.strata.executors.stack.LayerExecutors;
import io.strata.planner.index.ObservedIndex;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.reconciler.config.StrataConfig;
import io.strata.schema.model.DesiredState;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Observes all nodes of the desired state in parallel. A node that cannot be reached, or whose
 * tools answer with something that cannot be parsed, is recorded as unknown with the reason — never
 * as empty, so the planner never assumes its objects are gone (§5).
 */
final class ClusterObserver {
  private final Nodes nodes;
  private final LayerExecutors executors;
  private final int parallelism;

  ClusterObserver(Nodes nodes, LayerExecutors executors, StrataConfig config) {
    this.nodes = nodes;
    this.executors = executors;
    this.parallelism = Math.max(1, config.reconcile().totalParallelism());
  }

  ObservedState observe(DesiredState desired) {
    return observe(desired, Map.of());
  }

  /** As above; the nodes of {@code known} (node → why) stay unknown without being probed. */
  ObservedState observe(DesiredState desired, Map<String, String> known) {
    Map<String, NodeInventory> inventories = new TreeMap<>(Inventories.of(desired));
    inventories.keySet().removeAll(known.keySet());
    ObservedState first = withUnknown(probe(desired, inventories), known);
    Map<String, NodeInventory> again = withOrphans(desired, first);
    if (again.isEmpty()) {
      return first;
    }
    return overlay(first, probe(desired, again));
  }

  /**
   * The nodes of {@code only} observed again (and, as above, again with every layer if they hold
   * orphans); every other node as {@code before} saw it. Nodes unknown in {@code before} stay so.
   */
  ObservedState observeAgain(DesiredState desired, ObservedState before, Set<String> only) {
    Map<String, NodeInventory> inventories = new TreeMap<>(Inventories.of(desired));
    inventories.keySet().retainAll(only);
    inventories.keySet().removeAll(before.unreachable().keySet());
    ObservedState fresh = probe(desired, inventories);
    Map<String, NodeInventory> again = withOrphans(desired, fresh);
    if (!again.isEmpty()) {
      fresh = overlay(fresh, probe(desired, again));
    }
    return overlay(before, fresh);
  }

  /** {@code base} with the nodes {@code fresh} observed, seen or unknown, replaced. */
  private static ObservedState overlay(ObservedState base, ObservedState fresh) {
    Map<String, NodeState> seen = new TreeMap<>(base.nodes());
    Map<String, String> unknown = new TreeMap<>(base.unreachable());
    seen.putAll(fresh.nodes());
    fresh.nodes().keySet().forEach(unknown::remove);
    fresh.unreachable().keySet().forEach(seen::remove);
    unknown.putAll(fresh.unreachable());
    return ObservedState.of(seen, unknown);
  }

  private static ObservedState withUnknown(ObservedState o, Map<String, String> known) {
    if (known.isEmpty()) {
      return o;
    }
    Map<String, String> unknown = new TreeMap<>(o.unreachable());
    known.forEach(unknown::putIfAbsent);
    return ObservedState.of(o.nodes(), unknown);
  }

  /**
   * Nodes holding Strata's storage of volumes that left Git, to be observed again with every upper
   * layer: the templates that named their LUKS, DRBD or NVMe layers may have left Git with them,
   * and a teardown that cannot see a mapping on top of an LV can never remove the LV.
   */
  private static Map<String, NodeInventory> withOrphans(
      DesiredState desired, ObservedState observed) {
    Map<String, NodeInventory> out = new TreeMap<>();
    Map<String, NodeInventory> before = Inventories.of(desired);
    observed
        .nodes()
        .forEach(
            (node, state) -> {
              NodeInventory inv = before.get(node);
              if (inv == null || inv.layers().size() == 3) {
                return;
              }
              boolean orphan =
                  ObservedIndex.of(ObservedState.of(Map.of(node, state), Map.of()))
                      .ownedVolumes()
                      .stream()
                      .anyMatch(v -> !desired.volumes().containsKey(v));
              if (orphan) {
                out.put(node, NodeInventory.all(inv.volumeGroups(), inv.thinPools(), inv.zpools()));
              }
            });
    return out;
  }

  private ObservedState probe(DesiredState desired, Map<String, NodeInventory> inventories) {
    Map<String, NodeState> seen = new TreeMap<>();
    Map<String, String> unknown = new TreeMap<>();
    int threads = Math.min(parallelism, Math.max(1, inventories.size()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, Threads.daemon("observe"));
    try {
      Map<String, Future<NodeState>> futures = new TreeMap<>();
      inventories.forEach(
          (node, inv) ->
              futures.put(
                  node,
                  pool.submit(
                      () -> executors.observe(nodes.host(desired.nodes().get(node)), inv))));
      for (var e : futures.entrySet()) {
        try {
          seen.put(e.getKey(), e.getValue().get());
        } catch (ExecutionException ex) {
          unknown.put(e.getKey(), reason(ex.getCause()));
        }
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while observing", ex);
    } finally {
      pool.shutdownNow();
    }
    return ObservedState.of(seen, unknown);
  }

  private static String reason(Throwable t) {
    if (t instanceof HostUnreachableException) {
      return t.getMessage();
    }
    if (t instanceof RuntimeException && t.getMessage() != null) {
      return "observation failed: " + t.getMessage();
    }
    return "observation failed: " + t;
  }
}
