package io.strata.schema.model;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A whole validated manifest repository, indexed by kind and name (sorted, so that everything
 * derived from it is deterministic). Only the loader builds one, after every check passed;
 * references resolve.
 */
public record DesiredState(
    SortedMap<String, Node> nodes,
    SortedMap<String, StoragePool> pools,
    SortedMap<String, ResourceTemplate> templates,
    SortedMap<String, Volume> volumes,
    SortedMap<String, Snapshot> snapshots) {
  public DesiredState {
    nodes = unmodifiable(nodes);
    pools = unmodifiable(pools);
    templates = unmodifiable(templates);
    volumes = unmodifiable(volumes);
    snapshots = unmodifiable(snapshots);
  }

  public static DesiredState of(
      Collection<Node> nodes,
      Collection<StoragePool> pools,
      Collection<ResourceTemplate> templates,
      Collection<Volume> volumes,
      Collection<Snapshot> snapshots) {
    return new DesiredState(
        index(nodes, Node::name),
        index(pools, StoragePool::name),
        index(templates, ResourceTemplate::name),
        index(volumes, Volume::name),
        index(snapshots, Snapshot::name));
  }

  public static DesiredState empty() {
    return of(List.of(), List.of(), List.of(), List.of(), List.of());
  }

  /** The template a volume refers to (always present in a validated state). */
  public ResourceTemplate templateOf(Volume volume) {
    return templates.get(volume.template());
  }

  /** The volume's placement: its template's defaults overridden by the volume's own values. */
  public Placement placementOf(Volume volume) {
    return templateOf(volume).placement().overriddenBy(volume.placement());
  }

  private static <T> SortedMap<String, T> index(Collection<T> items, Function<T, String> name) {
    SortedMap<String, T> m = new TreeMap<>();
    for (T t : items) {
      m.put(name.apply(t), t);
    }
    return m;
  }

  private static <T> SortedMap<String, T> unmodifiable(Map<String, T> m) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(m));
  }
}
