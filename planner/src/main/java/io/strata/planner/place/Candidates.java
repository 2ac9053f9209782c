package io.strata.planner.place;

import io.strata.planner.alloc.VolumeSizes;
import io.strata.planner.index.ObservedIndex;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Node;
import io.strata.schema.model.Placement;
import io.strata.schema.model.ProviderType;
import io.strata.schema.model.Size;
import io.strata.schema.model.StoragePool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates the nodes a volume could get a new replica on: either the eligible (node, pool) pairs
 * with their free space, or, when placement fails, one reason per node. The fast path builds no
 * strings, so planning 10,000 volumes on 1,000 nodes stays cheap.
 */
final class Candidates {
  /** An eligible node with its best pool (most free space). */
  record Candidate(String node, StoragePool pool, long free, long need, long extentSize) {}

  private final DesiredState desired;
  private final ObservedIndex idx;
  private final PoolIndex pools;
  private final Capacity capacity;

  Candidates(DesiredState desired, ObservedIndex idx, PoolIndex pools, Capacity capacity) {
    this.desired = desired;
    this.idx = idx;
    this.pools = pools;
    this.capacity = capacity;
  }

  /** The nodes considered at all: {@code placement.nodes} when given, else every Git node. */
  List<String> nodesConsidered(Placement pl) {
    return pl.nodes().isEmpty() ? new ArrayList<>(desired.nodes().keySet()) : pl.nodes();
  }

  /**
   * The eligible candidates on {@code node}: for each provider type, the pool with most free space
   * that fits. {@code provider} restricts the type when the volume's replicas already use one.
   */
  List<Candidate> evaluate(String node, Placement pl, VolumeSizes sizes, ProviderType provider) {
    Node n = desired.nodes().get(node);
    if (n == null || n.evacuate() || !idx.reachable(node)) {
      return List.of();
    }
    if (!PoolIndex.matches(n.metadata().labels(), pl.nodeSelector())) {
      return List.of();
    }
    java.util.EnumMap<ProviderType, Candidate> best = new java.util.EnumMap<>(ProviderType.class);
    for (StoragePool p : pools.poolsOn(node)) {
      ProviderType type = p.provider().type();
      if (!allowed(pl, p) || (provider != null && type != provider)) {
        continue;
      }
      long free = capacity.free(node, p);
      long extent = capacity.extentSize(node, p);
      long need = sizes.storage(type, extent);
      Candidate b = best.get(type);
      if (free >= need && (b == null || free > b.free())) {
        best.put(type, new Candidate(node, p, free, need, extent));
      }
    }
    return new ArrayList<>(best.values());
  }

  /** Whether some node in {@code nodes} is unknown but could hold one of the volume's replicas. */
  List<String> unknownButPossible(Placement pl) {
    List<String> out = new ArrayList<>();
    for (String node : nodesConsidered(pl)) {
      if (!idx.reachable(node)) {
        boolean hasPool = pools.poolsOn(node).stream().anyMatch(p -> allowed(pl, p));
        if (hasPool) {
          out.add(node);
        }
      }
    }
    return out;
  }

  /** Why {@code node} could not take a replica: one short clause, operator-facing. */
  String whyNot(
      String node,
      Placement pl,
      VolumeSizes sizes,
      ProviderType provider,
      Set<String> spreadValuesTaken) {
    Node n = desired.nodes().get(node);
    if (n == null) {
      return "not a Node in Git";
    }
    if (idx.unknown(node) || !idx.reachable(node)) {
      return "unknown (unreachable)";
    }
    if (n.evacuate()) {
      return "evacuating";
    }
    if (!PoolIndex.matches(n.metadata().labels(), pl.nodeSelector())) {
      return "labels do not match nodeSelector " + new java.util.TreeMap<>(pl.nodeSelector());
    }
    List<String> clauses = new ArrayList<>();
    boolean anyPool = false;
    for (StoragePool p : pools.poolsOn(node)) {
      if (!allowed(pl, p)) {
        continue;
      }
      anyPool = true;
      if (provider != null && p.provider().type() != provider) {
        clauses.add(
            "pool "
                + p.name()
                + " is "
                + p.provider().type().yamlName()
                + ", the volume's replicas use "
                + provider.yamlName());
        continue;
      }
      long free = capacity.free(node, p);
      if (free < 0) {
        clauses.add("pool " + p.name() + ": " + Capacity.describe(p.provider()) + " not found");
        continue;
      }
      long need = sizes.storage(p.provider().type(), capacity.extentSize(node, p));
      if (free < need) {
        clauses.add("pool " + p.name() + " has " + human(free) + " free, needs " + human(need));
      }
    }
    if (!anyPool) {
      return pl.pools().isEmpty() ? "no storage pool" : "no pool among " + pl.pools();
    }
    if (clauses.isEmpty() && pl.spreadAcross() != null) {
      String v = n.metadata().labels().get(pl.spreadAcross());
      if (v == null) {
        return "no label '" + pl.spreadAcross() + "' to spread across";
      }
      if (spreadValuesTaken.contains(v)) {
        return pl.spreadAcross() + " " + v + " already holds a replica";
      }
    }
    return clauses.isEmpty() ? "eligible" : String.join(", ", clauses);
  }

  static boolean allowed(Placement pl, StoragePool p) {
    return pl.pools().isEmpty() || pl.pools().contains(p.name());
  }

  static String human(long bytes) {
    return bytes <= 0 ? "0 B" : Size.ofBytes(bytes).human();
  }

  static String labelOf(Node n, String label) {
    Map<String, String> labels = n.metadata().labels();
    return labels.get(label);
  }
}
