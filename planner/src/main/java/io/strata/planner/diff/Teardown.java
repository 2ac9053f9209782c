package io.strata.planner.diff;

import io.strata.planner.alloc.Sizes;
import io.strata.planner.index.ObservedIndex;
import io.strata.planner.index.StorageObject;
import io.strata.planner.naming.Names;
import io.strata.planner.observed.DrbdResource;
import io.strata.planner.observed.LuksDevice;
import io.strata.planner.observed.NvmeSubsystem;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.SizeChange;
import io.strata.schema.model.Layer;
import io.strata.schema.model.ProviderType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Deletes what Strata owns of one volume on one node, top-down: NVMe export, DRBD, LUKS, snapshots,
 * storage, each after the one above it. Only owned objects are touched; the specs are rebuilt from
 * what was observed, since the desired state may no longer describe them.
 */
final class Teardown {
  private Teardown() {}

  /**
   * Appends the delete changes to {@code out}; {@code drbdDeps} are the peers' updates the DRBD
   * delete waits for. {@code withStorage} false removes only the DRBD side (diskless nodes).
   */
  static void node(
      ObservedIndex idx,
      String volume,
      String node,
      List<String> drbdDeps,
      String reason,
      Map<String, Change> out) {
    node(idx, volume, node, drbdDeps, reason, out, false);
  }

  /**
   * As {@link #node(ObservedIndex, String, String, List, String, Map)}; with {@code keepDrbd} the
   * node stays in the DRBD resource (it turns diskless) and only what is below DRBD is removed.
   */
  static void node(
      ObservedIndex idx,
      String volume,
      String node,
      List<String> drbdDeps,
      String reason,
      Map<String, Change> out,
      boolean keepDrbd) {
    List<String> above = new ArrayList<>(drbdDeps);
    NvmeSubsystem s = idx.exports(volume).get(node);
    if (s != null && s.owned() && !keepDrbd) {
      String id = VolumeContext.id(volume, node, Layer.NVME);
      NvmeSubsystem.Port p = s.ports().isEmpty() ? null : s.ports().get(0);
      String dev = s.namespaces().isEmpty() ? null : s.namespaces().get(0).devicePath();
      ObjectSpec spec =
          new ObjectSpec.NvmeExport(
              s.nqn(),
              1,
              dev,
              p == null ? 0 : p.id(),
              p == null ? "tcp" : p.transport(),
              p == null ? null : p.address(),
              p == null ? 0 : p.serviceId(),
              s.allowedHosts());
      put(
          out,
          new Change(
              id, Action.DELETE, Layer.NVME, node, volume, s.nqn(), null, above, reason, spec));
      above = List.of(id);
    }
    DrbdResource d = idx.drbd(volume).get(node);
    if (d != null && d.owned() && d.config() != null && !keepDrbd) {
      String id = VolumeContext.id(volume, node, Layer.DRBD);
      ObjectSpec spec =
          new ObjectSpec.Drbd(d.config(), node, false, ObjectSpec.Drbd.InitialSync.NONE);
      put(
          out,
          new Change(
              id, Action.DELETE, Layer.DRBD, node, volume, volume, null, above, reason, spec));
      above = List.of(id);
    }
    StorageObject o = idx.storage(volume).get(node);
    ObjectSpec storage = o != null && o.owned() ? storageSpec(idx, o) : null;
    LuksDevice l = idx.luks(volume).get(node);
    if (l != null && l.owned()) {
      String id = VolumeContext.id(volume, node, Layer.LUKS);
      ObjectSpec spec =
          new ObjectSpec.Luks(l.mapping(), l.backingDevice(), null, 0, null, l.size());
      put(
          out,
          new Change(
              id, Action.DELETE, Layer.LUKS, node, volume, l.mapping(), null, above, reason, spec));
      above = List.of(id);
    }
    if (storage == null) {
      return;
    }
    List<String> storageDeps = new ArrayList<>(above);
    for (StorageObject snap : idx.snapshots(volume).getOrDefault(node, List.of())) {
      if (snap.owned()) {
        String id = snapshotId(volume, node, snap.snapshot());
        put(
            out,
            new Change(
                id,
                Action.DELETE,
                Layer.STORAGE,
                node,
                volume,
                snap.display(),
                null,
                above,
                reason,
                new ObjectSpec.StorageSnapshot(storage, snap.snapshot(), snap.deleteMarker())));
        storageDeps.add(id);
      }
    }
    String id = VolumeContext.id(volume, node, Layer.STORAGE);
    put(
        out,
        new Change(
            id,
            Action.DELETE,
            Layer.STORAGE,
            node,
            volume,
            o.display(),
            new SizeChange(o.size(), o.size()),
            storageDeps,
            reason,
            storage));
  }

  static String snapshotId(String volume, String node, String snapshot) {
    return VolumeContext.id(volume, node, Layer.STORAGE) + ":snapshot-" + snapshot;
  }

  static ObjectSpec storageSpec(ObservedIndex idx, StorageObject o) {
    if (o.provider().lvm()) {
      List<String> pvs =
          idx.observed()
              .node(o.node())
              .flatMap(n -> n.volumeGroup(o.container()))
              .map(vg -> vg.physicalVolumes())
              .orElse(List.of());
      return new ObjectSpec.Lv(
          o.container(), o.thinPool(), o.name(), o.size(), pvs, o.deleteMarker());
    }
    return new ObjectSpec.Zvol(
        o.container(),
        o.name(),
        o.size(),
        o.provider() == ProviderType.ZFS_THIN,
        Sizes.DEFAULT_VOLBLOCKSIZE,
        o.deleteMarker());
  }

  private static void put(Map<String, Change> out, Change c) {
    if (out.put(c.id(), c) != null) {
      throw new IllegalStateException("duplicate change id " + c.id());
    }
  }

  static String storageName(String volume) {
    return Names.storageName(volume);
  }
}
