package io.strata.reconciler.web;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The documents of the API, as immutable records: Jackson writes them as JSON (component names are
 * the keys, a public contract shared with {@code strata status --format json}) and {@link HtmlPage}
 * renders the same records, so the page and the API never disagree.
 */
public final class Views {
  private Views() {}

  /** {@code GET /api/v1/status}. */
  public record Status(
      String apiVersion,
      Repository repository,
      List<ConditionView> conditions,
      List<VolumeView> volumes,
      List<NodeView> nodes,
      List<PoolView> pools) {
    public Status {
      conditions = List.copyOf(conditions);
      volumes = List.copyOf(volumes);
      nodes = List.copyOf(nodes);
      pools = List.copyOf(pools);
    }
  }

  /**
   * The commits of the Flux convention plus the one in force (the last valid commit), the invalid
   * head with its located errors when there is one, how the last cycle ended, and (with HA) the
   * instance that holds the repository's lease, null otherwise.
   */
  public record Repository(
      String commitInForce,
      String observedCommit,
      String lastAppliedCommit,
      String lastAttemptedCommit,
      InvalidCommit invalidCommit,
      Cycle lastCycle,
      String activeInstance) {}

  public record InvalidCommit(String commit, List<LocatedError> errors) {
    public InvalidCommit {
      errors = List.copyOf(errors);
    }
  }

  /** One manifest error: file in the repository, 1-based line and column (0 when unknown). */
  public record LocatedError(String file, int line, int column, String message) {}

  /** {@code endedAt} is ISO-8601, null before the first cycle. */
  public record Cycle(String result, String endedAt, String error) {}

  /** A kstatus condition (without its transition time, which only the status branch keeps). */
  public record ConditionView(String type, String status, String reason, String message) {}

  /**
   * One volume. {@code role} of a replica: {@code diskful}, {@code diskless} (DRBD client or
   * tiebreaker) or {@code initiator} (NVMe-oF); {@code state} the replication state as DRBD spells
   * it, {@code syncPercent} only while syncing.
   */
  public record VolumeView(
      String name,
      Long sizeBytes,
      String size,
      Long allocatedBytes,
      String template,
      boolean ready,
      String readyMessage,
      List<ConditionView> conditions,
      List<ReplicaView> replicas,
      List<AccessView> access,
      Source manifest) {
    public VolumeView {
      conditions = List.copyOf(conditions);
      replicas = List.copyOf(replicas);
      access = List.copyOf(access);
    }
  }

  public record ReplicaView(
      String node, String role, String pool, String state, Double syncPercent, String devicePath) {}

  /** A node that must see the block device, and the device it sees (null while it has none). */
  public record AccessView(String node, String devicePath) {}

  /** Where an object is declared: file in the repository and line. */
  public record Source(String file, int line) {}

  public record NodeView(
      String name,
      boolean reachable,
      String message,
      Map<String, String> labels,
      List<String> pools,
      Map<String, String> devices,
      Source manifest) {
    public NodeView {
      labels = sorted(labels);
      pools = List.copyOf(pools);
      devices = sorted(devices);
    }
  }

  /**
   * One StoragePool on one node. Capacities are null when the node could not be observed. {@code
   * allocatedBytes} is what volumes claim: provisioned (virtual) sizes for thin pools, so it may
   * exceed {@code totalBytes} up to {@code overcommit} times.
   */
  public record PoolView(
      String name,
      String node,
      String provider,
      boolean thin,
      Long totalBytes,
      Long freeBytes,
      Long allocatedBytes,
      double overcommit,
      Source manifest) {}

  /** {@code GET /api/v1/drift}: empty {@code objects} means in sync. */
  public record Drift(boolean inSync, List<DriftItem> objects) {
    public Drift {
      objects = List.copyOf(objects);
    }
  }

  /** {@code kind} is the drift class ({@code missing}, {@code resized}, {@code degraded}, …). */
  public record DriftItem(String key, String volume, String node, String kind, String reason) {}

  /** {@code GET /api/v1/alerts}: the alerts firing now. */
  public record Alerts(List<Alert> firing) {
    public Alerts {
      firing = List.copyOf(firing);
    }
  }

  public record Alert(String key, Map<String, String> labels, String summary, String startsAt) {
    public Alert {
      labels = sorted(labels);
    }
  }

  /** {@code GET /api/v1/nodes}. */
  public record Nodes(List<NodeView> nodes) {
    public Nodes {
      nodes = List.copyOf(nodes);
    }
  }

  /** {@code GET /api/v1/pools}. */
  public record Pools(List<PoolView> pools) {
    public Pools {
      pools = List.copyOf(pools);
    }
  }

  /** Sorted, so that the same facts give the same bytes (and the same ETag). */
  static Map<String, String> sorted(Map<String, String> m) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(m));
  }

  /** The body of every error answer. */
  public record Error(int status, String error, String message) {}
}
