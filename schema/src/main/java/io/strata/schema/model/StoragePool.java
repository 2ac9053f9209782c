package io.strata.schema.model;

import java.util.Map;

/**
 * {@code kind: StoragePool}: a volume group, thin pool or zpool on one node ({@code node}) or on
 * every node matching {@code nodeSelector}. {@code overcommit} (thin only) is the ratio of
 * provisioned to physical space allowed; 1.0 when absent.
 */
public record StoragePool(
    Metadata metadata,
    String node,
    Map<String, String> nodeSelector,
    Provider provider,
    double overcommit) {
  public StoragePool {
    nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
  }

  public String name() {
    return metadata.name();
  }

  /**
   * {@code spec.provider}: {@code volumeGroup} for lvm, plus {@code thinPool} for lvm-thin, {@code
   * zpool} for zfs.
   */
  /**
   * Whether this pool exists on {@code n}: named by {@code node}, or selected by a non-empty {@code
   * nodeSelector} that all of the node's labels match.
   */
  public boolean appliesTo(Node n) {
    if (node != null) {
      return node.equals(n.name());
    }
    Map<String, String> labels = n.metadata().labels();
    return !nodeSelector.isEmpty()
        && nodeSelector.entrySet().stream()
            .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  public record Provider(ProviderType type, String volumeGroup, String thinPool, String zpool) {}
}
