package io.strata.planner.diff;

import io.strata.planner.dag.Dag;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.schema.model.Layer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Edges between the NVMe exports of different volumes that share one nvmet port of one node
 * (docs/decisions/026). The kernel keeps a port's attributes read-only once a subsystem is linked
 * to it, and removes nothing but the last link, so exports that configure, link or unlink the same
 * port must not run at once:
 *
 * <ul>
 *   <li>deletes run one after another (each decides at apply time whether it unlinks the last
 *       subsystem and removes the port; two at once could both keep it or both remove it);
 *   <li>creates and updates run after the last delete (a delete that empties the port removes it);
 *   <li>the first create or update (by id) configures the port and links; the others depend on it
 *       only, so they find the port's attributes as they want them and just link — in parallel.
 * </ul>
 *
 * Added after the guard and the backoff dropped changes, so that dropping one volume's change never
 * drops another volume's.
 */
public final class SharedNvmetPorts {
  private SharedNvmetPorts() {}

  private record Port(String node, int id) {}

  /**
   * {@code changes} with the port edges added to the {@code dependsOn} of the changes that need
   * them.
   */
  public static List<Change> order(List<Change> changes) {
    Map<Port, List<Change>> deletes = new TreeMap<>(byNodeAndId());
    Map<Port, List<Change>> writes = new TreeMap<>(byNodeAndId());
    for (Change c : changes) {
      Port p = portOf(c);
      if (p != null) {
        (c.action() == Action.DELETE ? deletes : writes)
            .computeIfAbsent(p, k -> new ArrayList<>())
            .add(c);
      }
    }
    List<Port> shared =
        union(deletes, writes).stream()
            .filter(
                p ->
                    deletes.getOrDefault(p, List.of()).size()
                            + writes.getOrDefault(p, List.of()).size()
                        > 1)
            .toList();
    if (shared.isEmpty()) {
      return changes;
    }
    Map<String, List<String>> extra = new LinkedHashMap<>();
    Dag<String> dag = dag(changes);
    for (Port p : shared) {
      List<Change> d = sorted(deletes.getOrDefault(p, List.of()));
      List<Change> w = sorted(writes.getOrDefault(p, List.of()));
      for (int i = 1; i < d.size(); i++) {
        edge(dag, extra, d.get(i), d.get(i - 1));
      }
      Change lastDelete = d.isEmpty() ? null : d.get(d.size() - 1);
      for (int i = 0; i < w.size(); i++) {
        if (lastDelete != null) {
          edge(dag, extra, w.get(i), lastDelete);
        }
        if (i > 0) {
          edge(dag, extra, w.get(i), w.get(0));
        }
      }
    }
    if (extra.isEmpty()) {
      return changes;
    }
    List<Change> out = new ArrayList<>(changes.size());
    for (Change c : changes) {
      List<String> add = extra.get(c.id());
      if (add == null) {
        out.add(c);
      } else {
        List<String> deps = new ArrayList<>(c.dependsOn());
        add.stream().filter(a -> !deps.contains(a)).forEach(deps::add);
        out.add(c.withDependsOn(deps));
      }
    }
    return out;
  }

  /**
   * {@code from} depends on {@code to}, unless the pair is ordered already: {@code from} after
   * {@code to} through other changes (the edge would add nothing), or {@code to} after {@code from}
   * (the edge would be a cycle; the two never run at once either way).
   */
  private static void edge(
      Dag<String> dag, Map<String, List<String>> extra, Change from, Change to) {
    if (dag.dependantsOf(to.id()).contains(from.id())
        || dag.dependantsOf(from.id()).contains(to.id())) {
      return;
    }
    dag.dependsOn(from.id(), to.id());
    extra.computeIfAbsent(from.id(), k -> new ArrayList<>()).add(to.id());
  }

  /** The port an export change configures, links or unlinks; null for any other change. */
  private static Port portOf(Change c) {
    if (c.layer() != Layer.NVME
        || !(c.spec() instanceof ObjectSpec.NvmeExport e)
        || !(c.action() == Action.CREATE
            || c.action() == Action.UPDATE
            || c.action() == Action.DELETE)) {
      return null;
    }
    if (c.action() == Action.DELETE && e.address() == null) {
      return null; // the subsystem was linked to no port: its delete touches none
    }
    return new Port(c.node(), e.portId());
  }

  private static Dag<String> dag(List<Change> changes) {
    Dag<String> dag = new Dag<>();
    for (Change c : changes) {
      dag.add(c.id());
      c.dependsOn().forEach(d -> dag.dependsOn(c.id(), d));
    }
    return dag;
  }

  private static List<Change> sorted(List<Change> cs) {
    return cs.stream().sorted(Comparator.comparing(Change::id)).toList();
  }

  private static List<Port> union(Map<Port, List<Change>> a, Map<Port, List<Change>> b) {
    TreeMap<Port, Boolean> all = new TreeMap<>(byNodeAndId());
    a.keySet().forEach(p -> all.put(p, true));
    b.keySet().forEach(p -> all.put(p, true));
    return List.copyOf(all.keySet());
  }

  private static Comparator<Port> byNodeAndId() {
    return Comparator.comparing(Port::node).thenComparingInt(Port::id);
  }
}
