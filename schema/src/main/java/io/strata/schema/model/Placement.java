package io.strata.schema.model;

import java.util.List;
import java.util.Map;

/**
 * Placement rules, on a template ({@code spec.placement}) and overridable per volume. Absent values
 * are null/empty; {@link #overriddenBy(Placement)} merges a volume's override onto its template's
 * defaults.
 */
public record Placement(
    Integer redundancy,
    List<String> nodes,
    List<String> pools,
    String spreadAcross,
    Map<String, String> nodeSelector) {
  public static final Placement NONE = new Placement(null, List.of(), List.of(), null, Map.of());

  public Placement {
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
    pools = pools == null ? List.of() : List.copyOf(pools);
    nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
  }

  /** This placement with every value set in {@code override} replacing ours. */
  public Placement overriddenBy(Placement override) {
    if (override == null) {
      return this;
    }
    return new Placement(
        override.redundancy != null ? override.redundancy : redundancy,
        !override.nodes.isEmpty() ? override.nodes : nodes,
        !override.pools.isEmpty() ? override.pools : pools,
        override.spreadAcross != null ? override.spreadAcross : spreadAcross,
        !override.nodeSelector.isEmpty() ? override.nodeSelector : nodeSelector);
  }

  /** Redundancy with the default of 1 applied. */
  public int effectiveRedundancy() {
    return redundancy == null ? 1 : redundancy;
  }
}
