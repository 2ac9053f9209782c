package io.strata.schema.check;

import io.strata.schema.model.Kind;
import io.strata.schema.model.Node;
import io.strata.schema.model.ResourceTemplate;
import io.strata.schema.model.Snapshot;
import io.strata.schema.model.StoragePool;
import io.strata.schema.model.Volume;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the semantic checks look at: the schema-valid documents of a repository per kind, in
 * file order, and the names of every object whose kind and name could be read at all (so that a
 * reference to a document with a schema error is not reported as dangling on top of it).
 *
 * @param complete true when every document of the repository passed the schema; checks that need
 *     the whole picture (placement feasibility) run only then
 */
public record ManifestSet(
    List<Manifest<Node>> nodes,
    List<Manifest<StoragePool>> pools,
    List<Manifest<ResourceTemplate>> templates,
    List<Manifest<Volume>> volumes,
    List<Manifest<Snapshot>> snapshots,
    Map<Kind, Set<String>> knownNames,
    boolean complete) {
  public ManifestSet {
    nodes = List.copyOf(nodes);
    pools = List.copyOf(pools);
    templates = List.copyOf(templates);
    volumes = List.copyOf(volumes);
    snapshots = List.copyOf(snapshots);
    knownNames = Map.copyOf(knownNames);
  }

  public Set<String> names(Kind kind) {
    return knownNames.getOrDefault(kind, Set.of());
  }
}
