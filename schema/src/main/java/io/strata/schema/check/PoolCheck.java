package io.strata.schema.check;

import io.strata.schema.diag.Diagnostic;
import io.strata.schema.model.ProviderType;
import io.strata.schema.model.StoragePool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A pool names exactly one of {@code node} and {@code nodeSelector}; its provider has the fields
 * its type needs and no others; {@code overcommit} is for thin pools only.
 */
public final class PoolCheck implements Check {
  private static final Map<ProviderType, List<String>> NEEDS =
      Map.of(
          ProviderType.LVM, List.of("volumeGroup"),
          ProviderType.LVM_THIN, List.of("volumeGroup", "thinPool"),
          ProviderType.ZFS, List.of("zpool"),
          ProviderType.ZFS_THIN, List.of("zpool"));
  private static final List<String> FIELDS = List.of("volumeGroup", "thinPool", "zpool");

  @Override
  public List<Diagnostic> check(ManifestSet m) {
    List<Diagnostic> out = new ArrayList<>();
    for (Manifest<StoragePool> p : m.pools()) {
      JsonNode spec = p.doc().root().path("spec");
      boolean node = spec.has("node");
      boolean selector = spec.has("nodeSelector");
      if (node == selector) {
        out.add(
            Diagnostic.at(
                p.at(node ? "/spec/nodeSelector" : "/spec"),
                node
                    ? "a StoragePool has either node or nodeSelector, not both"
                    : "StoragePool '" + p.model().name() + "' names no node",
                node
                    ? "remove one of them"
                    : "add 'node: <name>' or 'nodeSelector: {label: value}'"));
      }
      if (selector && p.model().nodeSelector().isEmpty()) {
        out.add(
            Diagnostic.at(
                p.at("/spec/nodeSelector"),
                "nodeSelector is empty",
                "give at least one label (e.g. {zone: a}), or use 'node: <name>'"));
      }
      ProviderType type = p.model().provider().type();
      JsonNode provider = spec.path("provider");
      String t = type.yamlName();
      for (String f : NEEDS.get(type)) {
        if (!provider.has(f)) {
          out.add(
              Diagnostic.at(
                  p.at("/spec/provider"),
                  "provider " + t + " needs " + f,
                  "add '" + f + ": <name>' under spec.provider"));
        }
      }
      for (String f : FIELDS) {
        if (provider.has(f) && !NEEDS.get(type).contains(f)) {
          out.add(
              Diagnostic.at(
                  p.at("/spec/provider/" + f),
                  "provider " + t + " does not use " + f,
                  "remove it, or change the type (" + usedBy(f) + " use it)"));
        }
      }
      if (spec.has("overcommit") && !type.thin()) {
        out.add(
            Diagnostic.at(
                p.at("/spec/overcommit"),
                "overcommit applies only to thin pools, not " + t,
                "remove overcommit, or use lvm-thin or zfs-thin"));
      }
    }
    return out;
  }

  private static String usedBy(String field) {
    return String.join(
        ", ",
        NEEDS.entrySet().stream()
            .filter(e -> e.getValue().contains(field))
            .map(e -> e.getKey().yamlName())
            .sorted()
            .toList());
  }
}
