package io.strata.planner.diff;

import io.strata.planner.alloc.Sizes;
import io.strata.planner.alloc.VolumeSizes;
import io.strata.planner.index.ObservedIndex;
import io.strata.planner.index.StorageObject;
import io.strata.planner.naming.Names;
import io.strata.planner.observed.DevicePaths;
import io.strata.planner.observed.DrbdConfig;
import io.strata.planner.place.Capacity;
import io.strata.planner.place.Replica;
import io.strata.planner.place.VolumePlacement;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.Divergence;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Refusal;
import io.strata.planner.plan.SizeChange;
import io.strata.planner.policy.Policy;
import io.strata.schema.model.DeletionPolicy;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import io.strata.schema.model.ProviderType;
import io.strata.schema.model.ResourceTemplate;
import io.strata.schema.model.Size;
import io.strata.schema.model.Volume;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything known about one volume while its changes are computed, and the changes so far. The
 * per-layer diffs read it and append to it; nothing here decides anything.
 */
final class VolumeContext {
  final Volume volume;
  final ResourceTemplate template;
  final VolumePlacement placement;
  final VolumeSizes sizes;
  final DrbdConfig desiredDrbd;
  final ObservedIndex idx;
  final DesiredState desired;
  final Policy policy;
  final Capacity capacity;
  final String name;

  final Map<String, Change> changes = new LinkedHashMap<>();
  final List<Refusal> refusals = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();
  final List<Divergence> divergences = new ArrayList<>();

  /**
   * Nodes whose storage holds no data of the user yet: created by this plan, or still carrying the
   * initialization marker of an earlier, interrupted plan (docs/decisions/005).
   */
  final Set<String> fresh = new TreeSet<>();

  /** The subset of {@link #fresh} whose storage was observed with the initialization marker. */
  final Set<String> resumed = new TreeSet<>();

  /** Set when growing is refused (a replica is unknown): no layer may grow then. */
  boolean growBlocked;

  /** node → id of the create change of the top of its backing (luks or storage). */
  final Map<String, String> backingCreated = new HashMap<>();

  /** node → ids of grow changes below DRBD/NVMe on that node. */
  final Map<String, List<String>> grown = new HashMap<>();

  /** Where the volume's storage is cloned from while it is to be made (docs/decisions/027). */
  Restore.Origin origin;

  VolumeContext(
      Volume volume,
      ResourceTemplate template,
      VolumePlacement placement,
      VolumeSizes sizes,
      DrbdConfig desiredDrbd,
      ObservedIndex idx,
      DesiredState desired,
      Policy policy,
      Capacity capacity) {
    this.capacity = capacity;
    this.volume = volume;
    this.template = template;
    this.placement = placement;
    this.sizes = sizes;
    this.desiredDrbd = desiredDrbd;
    this.idx = idx;
    this.desired = desired;
    this.policy = policy;
    this.name = volume.name();
  }

  boolean has(Layer l) {
    return template.has(l);
  }

  /**
   * Whether a layer of the stack writes a format onto the storage (DRBD metadata, a LUKS header):
   * only then does the storage carry the initialization marker until that is done.
   */
  boolean formats() {
    return has(Layer.DRBD) || has(Layer.LUKS);
  }

  boolean heal() {
    return policy.heal() != Policy.Heal.NONE;
  }

  /** Takes {@code bytes} of the replica's pool for the rest of this plan. */
  void reserve(Replica r, long bytes) {
    var pool = r.pool() == null ? null : desired.pools().get(r.pool());
    if (pool != null && bytes > 0) {
      capacity.reserve(r.node(), pool, bytes);
    }
  }

  static String id(String volume, String node, Layer layer) {
    return volume + "/" + node + "/" + layer.yamlName();
  }

  Change add(
      String id,
      Action action,
      Layer layer,
      String node,
      String object,
      SizeChange size,
      List<String> deps,
      String reason,
      ObjectSpec spec) {
    Change c = new Change(id, action, layer, node, name, object, size, deps, reason, spec);
    if (changes.put(id, c) != null) {
      throw new IllegalStateException("duplicate change id " + id);
    }
    return c;
  }

  long storageSize(Replica r) {
    return sizes.storage(r.provider(), r.extentSize());
  }

  ObjectSpec storageSpec(Replica r) {
    String obj = Names.storageName(name);
    long size = storageSize(r);
    if (r.provider().lvm()) {
      List<String> pvs =
          idx.observed()
              .node(r.node())
              .flatMap(n -> n.volumeGroup(r.container()))
              .map(vg -> vg.physicalVolumes())
              .orElse(List.of());
      return new ObjectSpec.Lv(r.container(), r.thinPool(), obj, size, pvs, deleteMarker());
    }
    return new ObjectSpec.Zvol(
        r.container(),
        obj,
        size,
        r.provider() == ProviderType.ZFS_THIN,
        Sizes.DEFAULT_VOLBLOCKSIZE,
        deleteMarker());
  }

  /**
   * Whether the volume's storage must carry the delete marker (docs/decisions/001): only {@code
   * deletionPolicy: Delete} and not {@code protect}.
   */
  boolean deleteMarker() {
    return deleteMarker(volume);
  }

  static boolean deleteMarker(Volume v) {
    return v.deletionPolicy() == DeletionPolicy.DELETE && !v.protect();
  }

  /** The storage spec with the initialization marker on or off. */
  static ObjectSpec withInitMarker(ObjectSpec s, boolean on) {
    return s instanceof ObjectSpec.Lv lv
        ? lv.withInitMarker(on)
        : ((ObjectSpec.Zvol) s).withInitMarker(on);
  }

  static String storageDevice(ObjectSpec s) {
    return s instanceof ObjectSpec.Lv lv ? lv.devicePath() : ((ObjectSpec.Zvol) s).devicePath();
  }

  /** The device the layer above storage/luks uses on a replica. */
  String backingDevice(Replica r) {
    return has(Layer.LUKS)
        ? DevicePaths.mapper(Names.luksMapping(name))
        : storageDevice(storageSpec(r));
  }

  StorageObject observedStorage(String node) {
    return idx.storage(name).get(node);
  }

  static String human(long bytes) {
    return bytes <= 0 ? "0 B" : Size.ofBytes(bytes).human();
  }
}
