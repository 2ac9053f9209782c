package io.strata.reconciler.cli;

import io.strata.planner.observed.ObservedState;
import io.strata.reconciler.engine.StatusReport;
import io.strata.reconciler.status.ReplicationState;
import io.strata.reconciler.status.StatusModel;
import java.util.List;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code strata status --format json}: the status facts (the same Ready as the status branch) plus
 * node and pool capacity. Fields may be added, never renamed, like the plan's JSON.
 */
public record StatusView(
    String format,
    List<VolumeView> volumes,
    List<NodeView> nodes,
    List<PoolView> pools,
    ActiveInstance activeInstance) {
  public static final String FORMAT = "strata.status/v1";

  /**
   * With HA: the instance that wrote the last status commit (its {@code Strata-Instance:} trailer),
   * when, and that commit; null when the status branch names none.
   */
  public record ActiveInstance(String instanceId, String statusCommittedAt, String statusCommit) {}

  /** The same view naming the active instance. */
  StatusView withActiveInstance(ActiveInstance a) {
    return new StatusView(format, volumes, nodes, pools, a);
  }

  public StatusView {
    volumes = List.copyOf(volumes);
    nodes = List.copyOf(nodes);
    pools = List.copyOf(pools);
  }

  /** One volume: sizes in bytes, its replicas and the nodes it is attached to. */
  public record VolumeView(
      String name,
      long sizeBytes,
      Long allocatedBytes,
      String template,
      boolean ready,
      String readyMessage,
      List<ReplicaView> replicas,
      List<String> accessNodes) {
    public VolumeView {
      replicas = List.copyOf(replicas);
      accessNodes = List.copyOf(accessNodes);
    }
  }

  /** One replica: role diskful/diskless, DRBD-spelled state, sync percent while syncing. */
  public record ReplicaView(
      String node,
      String role,
      String pool,
      String replication,
      Double syncPercent,
      String devicePath) {}

  /** One node: whether it was observed (else why not), and the layers it holds objects of. */
  public record NodeView(String name, boolean reachable, String message, List<String> layers) {
    public NodeView {
      layers = List.copyOf(layers);
    }
  }

  /**
   * One StoragePool on one node: bytes of the backing VG, thin pool or zpool; {@code
   * allocatedBytes} is what volumes were given (virtual sizes for thin pools), {@code overcommit}
   * their ratio to the physical size (thin pools only) and {@code overcommitLimit} the pool's
   * limit; {@code usedPercent} the share in use (thin: the larger of written and provisioned of the
   * limit), {@code overThreshold} whether it is at or past {@code alerts.capacityThreshold}. Sizes
   * are null when the backing object was not found.
   */
  public record PoolView(
      String name,
      String node,
      String type,
      String backing,
      Long totalBytes,
      Long freeBytes,
      Long allocatedBytes,
      Double overcommit,
      Double overcommitLimit,
      Double usedPercent,
      boolean overThreshold) {}

  /** The view of every volume, or only of {@code volume} when not null. */
  static StatusView of(
      StatusReport report, ObservedState observed, String volume, double capacityThreshold) {
    List<VolumeView> volumes =
        report.facts().volumes().stream()
            .filter(v -> volume == null || v.name().equals(volume))
            .map(v -> volume(report, v))
            .toList();
    return new StatusView(
        FORMAT,
        volumes,
        StatusCapacity.nodes(report.desired(), observed),
        StatusCapacity.pools(report.desired(), observed, capacityThreshold),
        null);
  }

  private static VolumeView volume(StatusReport report, StatusModel.VolumeFacts v) {
    var desired = report.desired().volumes().get(v.name());
    List<ReplicaView> replicas =
        v.replicas().stream()
            .map(
                r ->
                    new ReplicaView(
                        r.node(),
                        r.diskful() ? "diskful" : "diskless",
                        r.pool(),
                        r.replication() == null
                            ? ReplicationState.UNKNOWN.label()
                            : r.replication().label(),
                        r.percentDone(),
                        r.devicePath()))
            .toList();
    return new VolumeView(
        v.name(),
        v.requestedBytes(),
        v.allocatedBytes(),
        desired.template(),
        v.ready(),
        v.readyMessage(),
        replicas,
        desired.access());
  }

  String json() {
    return JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build()
            .writeValueAsString(this)
        + "\n";
  }
}
