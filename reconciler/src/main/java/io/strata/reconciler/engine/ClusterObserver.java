package io.strata.reconciler.engine;

import io.strata.executors.host.HostUnreachableException;
import io.strata.executors.layer.NodeInventory;
import io.strata.executors.layer.Tentative;
import io.strata.executors.stack.LayerExecutors;
import io.strata.planner.index.ObservedIndex;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.reconciler.config.StrataConfig;
import io.strata.schema.model.DesiredState;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
  private final Map<String, NodeState> before;

  ClusterObserver(Nodes nodes, LayerExecutors executors, StrataConfig config) {
    this(nodes, executors, config, Map.of());
  }

  /**
   * An observer that answers a node seen just as in {@code before} (the last observation's nodes)
   * with {@code before}'s own state, compared on the probing thread as soon as the node's answers
   * are parsed. The fresh copy is then garbage while it is young: at 1,000 nodes every no-op cycle
   * otherwise carried a whole observation into the old generation, to be found equal and dropped at
   * its end, and the daemon collected its full heap about once a cycle (decision 047).
   */
  ClusterObserver(
      Nodes nodes, LayerExecutors executors, StrataConfig config, Map<String, NodeState> before) {
    this.nodes = nodes;
    this.executors = executors;
    this.parallelism = Math.max(1, config.reconcile().totalParallelism());
    this.before = before;
  }

  ObservedState observe(DesiredState desired) {
    return observe(desired, Map.of());
  }

  /** As above; the nodes of {@code known} (node → why) stay unknown without being probed. */
  ObservedState observe(DesiredState desired, Map<String, String> known) {
    return observeTentatively(desired, known).confirm();
  }

  /**
   * As {@link #observe(DesiredState, Map)}, returning when every node's answers are in, while a
   * probe read early may still be exiting (docs/decisions/045): nothing may be decided from {@link
   * Seen#state()} until {@link Seen#confirm()} says it stood.
   */
  Seen observeTentatively(DesiredState desired, Map<String, String> known) {
    Map<String, NodeInventory> inventories = new TreeMap<>(Inventories.of(desired));
    inventories.keySet().removeAll(known.keySet());
    Seen first = probe(desired, inventories).withUnknown(known);
    Map<String, NodeInventory> again = withOrphans(desired, first.state());
    if (again.isEmpty()) {
      return first;
    }
    return first.overlay(probe(desired, again));
  }

  /**
   * The nodes of {@code only} observed again (and, as above, again with every layer if they hold
   * orphans); every other node as {@code before} saw it. Nodes unknown in {@code before} stay so.
   */
  ObservedState observeAgain(DesiredState desired, ObservedState before, Set<String> only) {
    Map<String, NodeInventory> inventories = new TreeMap<>(Inventories.of(desired));
    inventories.keySet().retainAll(only);
    inventories.keySet().removeAll(before.unreachable().keySet());
    Seen fresh = probe(desired, inventories);
    Map<String, NodeInventory> again = withOrphans(desired, fresh.state());
    if (!again.isEmpty()) {
      fresh = fresh.overlay(probe(desired, again));
    }
    return overlay(before, fresh.confirm());
  }

  /**
   * What a round of probes saw, and per node the check that its probes, some of which may still be
   * exiting, stood. A node whose check fails is unknown with the probe's failure as the reason —
   * what it would have been had the failure come before its answer was read.
   */
  record Seen(ObservedState state, Map<String, CompletableFuture<Void>> checks) {
    /** {@code state} once every check is in: the same object when all passed. */
    ObservedState confirm() {
      Map<String, String> failed = new TreeMap<>();
      checks.forEach(
          (node, check) -> {
            try {
              check.join();
            } catch (CompletionException e) {
              failed.put(node, reason(e.getCause()));
            }
          });
      if (failed.isEmpty()) {
        return state;
      }
      Map<String, NodeState> seen = new TreeMap<>(state.nodes());
      Map<String, String> unknown = new TreeMap<>(state.unreachable());
      seen.keySet().removeAll(failed.keySet());
      unknown.putAll(failed);
      return ObservedState.of(seen, unknown);
    }

    /**
     * {@code fresh} over this; a node probed in both rounds stands only if both did, and the first
     * round's failure is the one told (without it there would have been no second round).
     */
    Seen overlay(Seen fresh) {
      Map<String, CompletableFuture<Void>> both = new TreeMap<>(checks);
      fresh.checks().forEach((node, c) -> both.merge(node, c, (a, b) -> a.thenCompose(v -> b)));
      return new Seen(ClusterObserver.overlay(state, fresh.state()), both);
    }

    Seen withUnknown(Map<String, String> known) {
      if (known.isEmpty()) {
        return this;
      }
      Map<String, String> unknown = new TreeMap<>(state.unreachable());
      known.forEach(unknown::putIfAbsent);
      return new Seen(ObservedState.of(state.nodes(), unknown), checks);
    }
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

  private Seen probe(DesiredState desired, Map<String, NodeInventory> inventories) {
    Map<String, NodeState> seen = new TreeMap<>();
    Map<String, String> unknown = new TreeMap<>();
    Map<String, CompletableFuture<Void>> checks = new TreeMap<>();
    int threads = Math.min(parallelism, Math.max(1, inventories.size()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, Threads.daemon("observe"));
    try {
      Map<String, Future<Tentative<NodeState>>> futures = new TreeMap<>();
      inventories.forEach(
          (node, inv) ->
              futures.put(
                  node,
                  pool.submit(
                      () ->
                          reused(
                              executors.observeTentatively(
                                  nodes.host(desired.nodes().get(node)), inv),
                              before.get(node)))));
      for (var e : futures.entrySet()) {
        try {
          Tentative<NodeState> t = e.getValue().get();
          seen.put(e.getKey(), t.value());
          checks.put(e.getKey(), t.check());
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
    return new Seen(ObservedState.of(seen, unknown), checks);
  }

  private static Tentative<NodeState> reused(Tentative<NodeState> seen, NodeState was) {
    return was != null && was.equals(seen.value()) ? new Tentative<>(was, seen.check()) : seen;
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
