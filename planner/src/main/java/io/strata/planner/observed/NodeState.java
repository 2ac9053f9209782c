package io.strata.planner.observed;

import io.strata.schema.model.Layer;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything observed on one reachable node, layer by layer. Lists are sorted by name by the
 * builder. {@code hostNqn} is the node's NVMe host NQN ({@code /etc/nvme/hostnqn}; null when not
 * read or absent): the identity a target allows. {@code unobserved} names layers whose objects
 * could not be observed on an otherwise observed node, with the reason (a kernel without DRBD 9):
 * nothing is planned there for that layer, the rest of the node is planned as usual.
 */
public record NodeState(
    String node,
    List<VolumeGroup> volumeGroups,
    List<ThinPool> thinPools,
    List<Zpool> zpools,
    List<LogicalVolume> logicalVolumes,
    List<Zvol> zvols,
    List<LuksDevice> luksDevices,
    List<DrbdResource> drbdResources,
    List<NvmeSubsystem> nvmeSubsystems,
    List<NvmeConnection> nvmeConnections,
    String hostNqn,
    Map<Layer, String> unobserved) {
  public NodeState {
    volumeGroups = List.copyOf(volumeGroups);
    thinPools = List.copyOf(thinPools);
    zpools = List.copyOf(zpools);
    logicalVolumes = List.copyOf(logicalVolumes);
    zvols = List.copyOf(zvols);
    luksDevices = List.copyOf(luksDevices);
    drbdResources = List.copyOf(drbdResources);
    nvmeSubsystems = List.copyOf(nvmeSubsystems);
    nvmeConnections = List.copyOf(nvmeConnections);
    unobserved =
        unobserved == null || unobserved.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new EnumMap<>(unobserved));
  }

  /** Every layer observed, no host NQN read. */
  public NodeState(
      String node,
      List<VolumeGroup> volumeGroups,
      List<ThinPool> thinPools,
      List<Zpool> zpools,
      List<LogicalVolume> logicalVolumes,
      List<Zvol> zvols,
      List<LuksDevice> luksDevices,
      List<DrbdResource> drbdResources,
      List<NvmeSubsystem> nvmeSubsystems,
      List<NvmeConnection> nvmeConnections) {
    this(
        node,
        volumeGroups,
        thinPools,
        zpools,
        logicalVolumes,
        zvols,
        luksDevices,
        drbdResources,
        nvmeSubsystems,
        nvmeConnections,
        null,
        Map.of());
  }

  /** Whether {@code layer}'s objects were observed here (else see {@link #unobserved}). */
  public boolean observed(Layer layer) {
    return !unobserved.containsKey(layer);
  }

  public static NodeState empty(String node) {
    return new NodeState(
        node, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(), List.of());
  }

  /** This node as observed, with other NVMe connections. */
  public NodeState withNvmeConnections(List<NvmeConnection> connections) {
    return new NodeState(
        node,
        volumeGroups,
        thinPools,
        zpools,
        logicalVolumes,
        zvols,
        luksDevices,
        drbdResources,
        nvmeSubsystems,
        connections,
        hostNqn,
        unobserved);
  }

  public Optional<VolumeGroup> volumeGroup(String name) {
    return volumeGroups.stream().filter(v -> v.name().equals(name)).findFirst();
  }

  public Optional<ThinPool> thinPool(String vg, String name) {
    return thinPools.stream().filter(t -> t.vg().equals(vg) && t.name().equals(name)).findFirst();
  }

  public Optional<Zpool> zpool(String name) {
    return zpools.stream().filter(z -> z.name().equals(name)).findFirst();
  }

  public Optional<LogicalVolume> logicalVolume(String vg, String name) {
    return logicalVolumes.stream()
        .filter(l -> l.vg().equals(vg) && l.name().equals(name))
        .findFirst();
  }

  public Optional<Zvol> zvol(String dataset) {
    return zvols.stream().filter(z -> z.dataset().equals(dataset)).findFirst();
  }

  public Optional<LuksDevice> luksDevice(String mapping) {
    return luksDevices.stream().filter(l -> l.mapping().equals(mapping)).findFirst();
  }

  public Optional<DrbdResource> drbdResource(String name) {
    return drbdResources.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  public Optional<NvmeSubsystem> nvmeSubsystem(String nqn) {
    return nvmeSubsystems.stream().filter(s -> s.nqn().equals(nqn)).findFirst();
  }

  public Optional<NvmeConnection> nvmeConnection(String nqn) {
    return nvmeConnections.stream().filter(c -> c.nqn().equals(nqn)).findFirst();
  }
}
