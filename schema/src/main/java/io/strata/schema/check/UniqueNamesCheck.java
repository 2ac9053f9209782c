package io.strata.schema.check;

import io.strata.schema.diag.Diagnostic;
import io.strata.schema.model.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Names are unique per kind across the whole repository; every place a name is reused is named. */
public final class UniqueNamesCheck implements Check {
  @Override
  public List<Diagnostic> check(ManifestSet m) {
    List<Diagnostic> out = new ArrayList<>();
    unique(Kind.NODE, m.nodes(), out);
    unique(Kind.STORAGE_POOL, m.pools(), out);
    unique(Kind.RESOURCE_TEMPLATE, m.templates(), out);
    unique(Kind.VOLUME, m.volumes(), out);
    unique(Kind.SNAPSHOT, m.snapshots(), out);
    return out;
  }

  private static void unique(Kind kind, List<? extends Manifest<?>> items, List<Diagnostic> out) {
    Map<String, List<Manifest<?>>> byName = new LinkedHashMap<>();
    for (Manifest<?> item : items) {
      String name = item.doc().root().path("metadata").path("name").asString("");
      byName.computeIfAbsent(name, k -> new ArrayList<>()).add(item);
    }
    byName.forEach(
        (name, list) -> {
          if (list.size() < 2) {
            return;
          }
          for (Manifest<?> item : list) {
            List<String> others =
                list.stream()
                    .filter(o -> o != item)
                    .map(o -> o.valueAt("/metadata/name").toString())
                    .toList();
            out.add(
                Diagnostic.at(
                    item.valueAt("/metadata/name"),
                    kind.yamlName()
                        + " name '"
                        + name
                        + "' is used more than once (also at "
                        + String.join(", ", others)
                        + ")",
                    "names are unique per kind; rename or remove one of them"));
          }
        });
  }
}
