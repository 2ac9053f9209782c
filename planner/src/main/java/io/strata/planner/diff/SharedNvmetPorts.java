package io.strata.planner.diff;

import io.strata.planner.dag.Dag;
import io.strata.planner.observed.NvmeSubsystem;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.schema.model.Layer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 *       only, so they find the port's attributes as they want them and just link — in parallel;
 *   <li>when the port is observed serving, as wanted, a subsystem that stays, no create or update
 *       writes to it and none waits for another.
 * </ul>
 *
 * The exports that find their port ready, and the deletes after which a subsystem stays on the
 * port, carry {@code portShared}, so that their preview shows only the link or unlink they run
 * (decision 015: the plan shown is the plan applied).
 *
 * <p>Added after the guard and the backoff dropped changes, so that dropping one volume's change
 * never drops another volume's.
 */
public final class SharedNvmetPorts {
  private SharedNvmetPorts() {}

  private record Port(String node, int id) {}

  /**
   * {@code changes} with the port edges added to the {@code dependsOn} of the changes that need
   * them, and {@code portShared} set on the exports that will find their port configured: observed
   * so (serving a subsystem this plan does not delete), or set up by the export they depend on.
   */
  public static List<Change> order(ObservedState observed, List<Change> changes) {
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
    if (writes.isEmpty() && deletes.isEmpty()) {
      return changes;
    }
    Map<String, List<String>> extra = new LinkedHashMap<>();
    Set<String> ready = new HashSet<>();
    Dag<String> dag = dag(changes);
    for (Port p : union(deletes, writes)) {
      List<Change> d = sorted(deletes.getOrDefault(p, List.of()));
      List<Change> w = sorted(writes.getOrDefault(p, List.of()));
      for (int i = 1; i < d.size(); i++) {
        edge(dag, extra, d.get(i), d.get(i - 1));
      }
      Set<String> staying = linkedTo(observed, p);
      for (Change c : d) { // in the order they run: after the last, only what stays is linked
        staying.remove(spec(c).nqn());
        if (!staying.isEmpty()) {
          ready.add(c.id());
        }
      }
      Change lastDelete = d.isEmpty() ? null : d.get(d.size() - 1);
      for (Change c : w) {
        if (lastDelete != null) {
          edge(dag, extra, c, lastDelete);
        }
      }
      if (w.isEmpty()) {
        continue;
      }
      if (servedAsWanted(observed, p, spec(w.get(0)), d)) {
        w.forEach(c -> ready.add(c.id())); // each only links: no order among them
        continue;
      }
      for (int i = 1; i < w.size(); i++) {
        if (edge(dag, extra, w.get(i), w.get(0))) {
          ready.add(w.get(i).id());
        }
      }
    }
    if (extra.isEmpty() && ready.isEmpty()) {
      return changes;
    }
    List<Change> out = new ArrayList<>(changes.size());
    for (Change c : changes) {
      Change o = c;
      List<String> add = extra.get(c.id());
      if (add != null) {
        List<String> deps = new ArrayList<>(c.dependsOn());
        add.stream().filter(a -> !deps.contains(a)).forEach(deps::add);
        o = o.withDependsOn(deps);
      }
      if (ready.contains(c.id()) && !spec(c).portShared()) {
        o =
            new Change(
                o.id(),
                o.action(),
                o.layer(),
                o.node(),
                o.volume(),
                o.object(),
                o.size(),
                o.dependsOn(),
                o.reason(),
                spec(c).withPortShared());
      }
      out.add(o);
    }
    return out;
  }

  /**
   * Whether {@code port} is observed enabled with the attributes {@code want} asks for, serving a
   * subsystem none of {@code deletes} removes (so it stays enabled, and its attributes read-only).
   */
  private static boolean servedAsWanted(
      ObservedState observed, Port port, ObjectSpec.NvmeExport want, List<Change> deletes) {
    Set<String> leaving = new HashSet<>();
    deletes.forEach(c -> leaving.add(spec(c).nqn()));
    NvmeSubsystem.Port wanted =
        new NvmeSubsystem.Port(port.id(), want.transport(), want.address(), want.serviceId());
    return observed
        .node(port.node())
        .map(
            n ->
                n.nvmeSubsystems().stream()
                    .anyMatch(s -> !leaving.contains(s.nqn()) && s.ports().contains(wanted)))
        .orElse(false);
  }

  /** The subsystems observed linked to {@code port}. */
  private static Set<String> linkedTo(ObservedState observed, Port port) {
    Set<String> out = new HashSet<>();
    observed
        .node(port.node())
        .ifPresent(
            n ->
                n.nvmeSubsystems().stream()
                    .filter(s -> s.ports().stream().anyMatch(q -> q.id() == port.id()))
                    .forEach(s -> out.add(s.nqn())));
    return out;
  }

  private static ObjectSpec.NvmeExport spec(Change c) {
    return (ObjectSpec.NvmeExport) c.spec();
  }

  /**
   * {@code from} depends on {@code to}, unless the pair is ordered already: {@code from} after
   * {@code to} through other changes (the edge would add nothing), or {@code to} after {@code from}
   * (the edge would be a cycle; the two never run at once either way). True when {@code from} runs
   * after {@code to}.
   */
  private static boolean edge(
      Dag<String> dag, Map<String, List<String>> extra, Change from, Change to) {
    if (dag.dependantsOf(to.id()).contains(from.id())) {
      return true;
    }
    if (dag.dependantsOf(from.id()).contains(to.id())) {
      return false;
    }
    dag.dependsOn(from.id(), to.id());
    extra.computeIfAbsent(from.id(), k -> new ArrayList<>()).add(to.id());
    return true;
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
