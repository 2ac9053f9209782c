package io.strata.schema.check;

import io.strata.schema.diag.Diagnostic;
import io.strata.schema.model.Kind;
import io.strata.schema.model.Layer;
import io.strata.schema.model.Node;
import io.strata.schema.model.Placement;
import io.strata.schema.model.ResourceTemplate;
import io.strata.schema.model.StoragePool;
import io.strata.schema.model.Volume;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Redundancy is possible at all: only drbd replicates, so a stack without drbd keeps exactly one
 * copy; and with the declared nodes and pools there must be at least {@code redundancy} distinct
 * nodes that may hold a replica (not evacuating, matching {@code nodes} and {@code nodeSelector},
 * with a pool allowed by {@code pools}), spread over enough distinct values of the {@code
 * spreadAcross} label. Free space is only known at plan time and is not checked here.
 *
 * <p>A template's own placement is checked once on the template (feasibility only when some volume
 * uses it as is); a volume is checked only when it overrides placement, so one mistake yields one
 * error.
 */
public final class RedundancyCheck implements Check {
  private static final int LISTED = 5;

  @Override
  public List<Diagnostic> check(ManifestSet m) {
    List<Diagnostic> out = new ArrayList<>();
    Set<String> usedAsIs = new HashSet<>();
    for (Manifest<Volume> v : m.volumes()) {
      if (!overridesPlacement(v)) {
        usedAsIs.add(v.model().template());
      }
    }
    for (Manifest<ResourceTemplate> t : m.templates()) {
      boolean used = usedAsIs.contains(t.model().name());
      check(m, t, t.model(), t.model().placement(), used, out);
    }
    for (Manifest<Volume> v : m.volumes()) {
      if (overridesPlacement(v)) {
        template(m, v.model().template())
            .ifPresent(
                t ->
                    check(
                        m,
                        v,
                        t.model(),
                        t.model().placement().overriddenBy(v.model().placement()),
                        true,
                        out));
      }
    }
    return out;
  }

  private static boolean overridesPlacement(Manifest<Volume> v) {
    return v.doc().root().path("spec").has("placement");
  }

  /**
   * @param placed whether some volume is placed this way; a template nobody uses yet is not held to
   *     the nodes that exist today (it may be written before the nodes it needs)
   */
  private static void check(
      ManifestSet m,
      Manifest<?> doc,
      ResourceTemplate t,
      Placement p,
      boolean placed,
      List<Diagnostic> out) {
    int redundancy = p.effectiveRedundancy();
    String at =
        doc.doc().root().path("spec").path("placement").has("redundancy")
            ? "/spec/placement/redundancy"
            : "/spec/placement";
    if (redundancy > 1 && !t.has(Layer.DRBD)) {
      out.add(
          Diagnostic.at(
              doc.valueAt(at),
              "redundancy "
                  + redundancy
                  + " is impossible with "
                  + LayerStackCheck.stack(t.layers())
                  + ": without drbd there is exactly one copy",
              t.has(Layer.NVME)
                  ? "set redundancy: 1 (nvme exports a single copy), or use [drbd, nvme, storage]"
                  : "set redundancy: 1, or add drbd on top of the stack"));
      return;
    }
    if (!placed
        || !m.complete()
        || !m.names(Kind.NODE).containsAll(p.nodes())
        || !m.names(Kind.STORAGE_POOL).containsAll(p.pools())) {
      return; // counting over a partly invalid repository or dangling names would mislead
    }
    List<String> eligible = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    for (Manifest<Node> n : m.nodes()) {
      reason(m, n.model(), p)
          .ifPresentOrElse(
              r -> excluded.add(n.model().name() + ": " + r), () -> eligible.add(n.model().name()));
    }
    if (eligible.size() < redundancy) {
      out.add(
          Diagnostic.at(
              doc.valueAt(at),
              "redundancy "
                  + redundancy
                  + " needs "
                  + nodes(redundancy)
                  + " that can hold a replica, found "
                  + eligible.size()
                  + describe(eligible, excluded),
              "add StoragePools on more nodes, widen nodes/pools/nodeSelector, or lower redundancy"));
      return;
    }
    if (p.spreadAcross() != null) {
      TreeSet<String> values = new TreeSet<>();
      for (Manifest<Node> n : m.nodes()) {
        String v = n.model().metadata().labels().get(p.spreadAcross());
        if (v != null && eligible.contains(n.model().name())) {
          values.add(v);
        }
      }
      if (values.size() < redundancy) {
        out.add(
            Diagnostic.at(
                doc.valueAt(
                    doc.doc().root().path("spec").path("placement").has("spreadAcross")
                        ? "/spec/placement/spreadAcross"
                        : at),
                "spreadAcross '"
                    + p.spreadAcross()
                    + "' needs "
                    + redundancy
                    + " distinct values among the eligible nodes, found "
                    + values.size()
                    + (values.isEmpty() ? "" : " (" + String.join(", ", values) + ")"),
                "label more nodes with distinct '"
                    + p.spreadAcross()
                    + "' values, or lower redundancy"));
      }
    }
  }

  private static String nodes(int n) {
    return n == 1 ? "1 node" : n + " nodes";
  }

  /** Why a node cannot hold a replica under this placement, or empty when it can. */
  private static Optional<String> reason(ManifestSet m, Node n, Placement p) {
    if (n.evacuate()) {
      return Optional.of("evacuating");
    }
    if (!p.nodes().isEmpty() && !p.nodes().contains(n.name())) {
      return Optional.of("not in placement.nodes");
    }
    if (!ReferenceCheck.matches(n, p.nodeSelector())) {
      return Optional.of(
          "does not match nodeSelector " + ReferenceCheck.selector(p.nodeSelector()));
    }
    boolean hasPool = false;
    for (Manifest<StoragePool> pm : m.pools()) {
      StoragePool pool = pm.model();
      boolean onNode =
          n.name().equals(pool.node())
              || (pool.node() == null
                  && !pool.nodeSelector().isEmpty()
                  && ReferenceCheck.matches(n, pool.nodeSelector()));
      if (onNode && (p.pools().isEmpty() || p.pools().contains(pool.name()))) {
        hasPool = true;
        break;
      }
    }
    return hasPool
        ? Optional.empty()
        : Optional.of(p.pools().isEmpty() ? "no storage pool" : "none of pools " + p.pools());
  }

  private static String describe(List<String> eligible, List<String> excluded) {
    StringBuilder b = new StringBuilder();
    if (!eligible.isEmpty()) {
      b.append(" (").append(String.join(", ", eligible)).append(")");
    }
    if (!excluded.isEmpty()) {
      List<String> shown = excluded.subList(0, Math.min(LISTED, excluded.size()));
      b.append("; ").append(String.join("; ", shown));
      if (excluded.size() > LISTED) {
        b.append("; and ").append(excluded.size() - LISTED).append(" more");
      }
    }
    return b.toString();
  }

  private static Optional<Manifest<ResourceTemplate>> template(ManifestSet m, String name) {
    return m.templates().stream().filter(t -> t.model().name().equals(name)).findFirst();
  }
}
