package io.strata.executors.luks;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The backing device path of each open crypt mapping, per node, as {@code cryptsetup status} last
 * named it, valid while the mapping keeps the same backing device number. {@code dmsetup table}
 * gives every mapping's size and backing {@code major:minor} in one command, but not the path the
 * planner compares ({@code /dev/vg/lv}, {@code /dev/zvol/…}); a mapping's backing device cannot
 * change while it is open, so the path is asked once per opening instead of once per cycle. A
 * mapping closed and reopened elsewhere has another backing number and is asked again; the mappings
 * a node no longer has are forgotten, so the cache never outgrows the cluster.
 */
final class BackingPaths {
  private record Known(String backing, String path) {}

  private final Map<String, Map<String, Known>> byNode = new ConcurrentHashMap<>();

  Optional<String> path(String node, String mapping, String backing) {
    if (backing == null) {
      return Optional.empty();
    }
    Known k = byNode.getOrDefault(node, Map.of()).get(mapping);
    return k != null && k.backing().equals(backing) ? Optional.of(k.path()) : Optional.empty();
  }

  /** What one observation of {@code node} found: mapping → (backing number, path). */
  void replace(String node, Map<String, String[]> seen) {
    Map<String, Known> next = new ConcurrentHashMap<>();
    seen.forEach(
        (m, bp) -> {
          if (bp[0] != null) {
            next.put(m, new Known(bp[0], bp[1]));
          }
        });
    byNode.put(node, next);
  }
}
