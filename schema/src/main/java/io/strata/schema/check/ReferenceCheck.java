package io.strata.schema.check;

import io.strata.schema.diag.Diagnostic;
import io.strata.schema.diag.DidYouMean;
import io.strata.schema.model.Kind;
import io.strata.schema.model.Node;
import io.strata.schema.model.Placement;
import io.strata.schema.model.StoragePool;
import io.strata.schema.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every name a document mentions exists: a pool's node (or a node selector that matches at least
 * one node), a volume's template and access nodes, placement nodes and pools, a snapshot's volume.
 */
public final class ReferenceCheck implements Check {
  @Override
  public List<Diagnostic> check(ManifestSet m) {
    List<Diagnostic> out = new ArrayList<>();
    for (Manifest<StoragePool> p : m.pools()) {
      StoragePool pool = p.model();
      if (pool.node() != null) {
        ref(m, p, "/spec/node", pool.node(), Kind.NODE, out);
      } else if (!pool.nodeSelector().isEmpty() && m.complete()) {
        if (m.nodes().stream().noneMatch(n -> matches(n.model(), pool.nodeSelector()))) {
          out.add(
              Diagnostic.at(
                  p.at("/spec/nodeSelector"),
                  "StoragePool '"
                      + pool.name()
                      + "': nodeSelector "
                      + selector(pool.nodeSelector())
                      + " matches no node",
                  "label at least one Node with these labels, or fix the selector"));
        }
      }
    }
    for (var t : m.templates()) {
      placement(m, t, "/spec/placement", t.model().placement(), out);
    }
    for (var v : m.volumes()) {
      ref(m, v, "/spec/template", v.model().template(), Kind.RESOURCE_TEMPLATE, out);
      List<String> access = v.model().access();
      for (int i = 0; i < access.size(); i++) {
        ref(m, v, "/spec/access/" + i, access.get(i), Kind.NODE, out);
      }
      placement(m, v, "/spec/placement", v.model().placement(), out);
      Volume.Source src = v.model().source();
      if (src != null && src.fromSnapshot()) {
        ref(m, v, "/spec/source/snapshot", src.snapshot(), Kind.SNAPSHOT, out);
      } else if (src != null) {
        ref(m, v, "/spec/source/volume", src.volume(), Kind.VOLUME, out);
      }
    }
    for (var s : m.snapshots()) {
      ref(m, s, "/spec/volume", s.model().volume(), Kind.VOLUME, out);
    }
    return out;
  }

  private static void placement(
      ManifestSet m, Manifest<?> doc, String at, Placement p, List<Diagnostic> out) {
    for (int i = 0; i < p.nodes().size(); i++) {
      ref(m, doc, at + "/nodes/" + i, p.nodes().get(i), Kind.NODE, out);
    }
    for (int i = 0; i < p.pools().size(); i++) {
      ref(m, doc, at + "/pools/" + i, p.pools().get(i), Kind.STORAGE_POOL, out);
    }
  }

  private static void ref(
      ManifestSet m,
      Manifest<?> doc,
      String pointer,
      String name,
      Kind kind,
      List<Diagnostic> out) {
    Set<String> known = m.names(kind);
    if (known.contains(name)) {
      return;
    }
    out.add(
        Diagnostic.at(
            doc.valueAt(pointer),
            kind.yamlName() + " '" + name + "' does not exist",
            DidYouMean.hint(
                name,
                known,
                "define a " + kind.yamlName() + " named '" + name + "' or fix the name")));
  }

  /** Whether the node's labels contain every key/value of the selector. */
  public static boolean matches(Node node, Map<String, String> selector) {
    Map<String, String> labels = node.metadata().labels();
    return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  static String selector(Map<String, String> s) {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(s).forEach((k, v) -> parts.add(k + "=" + v));
    return "{" + String.join(", ", parts) + "}";
  }
}
