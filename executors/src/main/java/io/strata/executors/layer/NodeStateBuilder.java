package io.strata.executors.layer;

import io.strata.planner.observed.DrbdResource;
import io.strata.planner.observed.LogicalVolume;
import io.strata.planner.observed.LuksDevice;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.NvmeConnection;
import io.strata.planner.observed.NvmeSubsystem;
import io.strata.planner.observed.ThinPool;
import io.strata.planner.observed.VolumeGroup;
import io.strata.planner.observed.Zpool;
import io.strata.planner.observed.Zvol;
import io.strata.schema.model.Layer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Collects what each layer's observer found; {@link #build} sorts every list by name. */
public final class NodeStateBuilder {
  private final String node;
  public final List<VolumeGroup> volumeGroups = new ArrayList<>();
  public final List<ThinPool> thinPools = new ArrayList<>();
  public final List<Zpool> zpools = new ArrayList<>();
  public final List<LogicalVolume> logicalVolumes = new ArrayList<>();
  public final List<Zvol> zvols = new ArrayList<>();
  public final List<LuksDevice> luksDevices = new ArrayList<>();
  public final List<DrbdResource> drbdResources = new ArrayList<>();
  public final List<NvmeSubsystem> nvmeSubsystems = new ArrayList<>();
  public final List<NvmeConnection> nvmeConnections = new ArrayList<>();

  /** The node's NVMe host NQN, when the initiator observer read one. */
  public String hostNqn;

  /** Layers that could not be observed on this node, with the reason shown to the operator. */
  public final Map<Layer, String> unobserved = new EnumMap<>(Layer.class);

  /** What must still hold for what was collected to stand: a probe read before it exited. */
  private final List<CompletableFuture<Void>> checks = new ArrayList<>();

  public NodeStateBuilder(String node) {
    this.node = node;
  }

  /**
   * Registers a check that completes when a probe whose answer was already used has ended, and
   * completes exceptionally (with an {@link ObservationException}) when the answer did not stand.
   */
  public void confirmLater(CompletableFuture<Void> check) {
    checks.add(check);
  }

  /** {@link #build()} with the checks it must still pass. */
  public Tentative<NodeState> buildTentative() {
    return new Tentative<>(
        build(), CompletableFuture.allOf(checks.toArray(CompletableFuture<?>[]::new)));
  }

  public NodeState build() {
    volumeGroups.sort(Comparator.comparing(VolumeGroup::name));
    thinPools.sort(Comparator.comparing(ThinPool::vg).thenComparing(ThinPool::name));
    zpools.sort(Comparator.comparing(Zpool::name));
    logicalVolumes.sort(Comparator.comparing(LogicalVolume::vg).thenComparing(LogicalVolume::name));
    zvols.sort(Comparator.comparing(Zvol::dataset));
    luksDevices.sort(Comparator.comparing(LuksDevice::mapping));
    drbdResources.sort(Comparator.comparing(DrbdResource::name));
    nvmeSubsystems.sort(Comparator.comparing(NvmeSubsystem::nqn));
    nvmeConnections.sort(Comparator.comparing(NvmeConnection::nqn));
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
        nvmeConnections,
        hostNqn,
        unobserved);
  }
}
