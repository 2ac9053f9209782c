package io.strata.planner.diff;

import io.strata.planner.alloc.Sizes;
import io.strata.planner.alloc.VolumeSizes;
import io.strata.planner.index.ObservedIndex;
import io.strata.planner.index.StorageObject;
import io.strata.planner.naming.Names;
import io.strata.planner.observed.LogicalVolume;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.VolumeGroup;
import io.strata.planner.observed.Zvol;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Refusal;
import io.strata.schema.model.DeletionPolicy;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import io.strata.schema.model.ProviderType;
import io.strata.schema.model.StoragePool;
import io.strata.schema.model.Volume;
import java.util.List;
import java.util.Optional;

/**
 * {@code Volume.spec.adopt} (docs/decisions/022): an existing LV or zvol that is not yet Strata's
 * becomes the volume's storage. The plan holds one change that only marks it (LVM tag {@code
 * strata}, ZFS {@code strata:owner}); every other change of the volume waits for the next plan,
 * which sees an ordinary owned replica. Refused — nothing planned for the volume — when the device
 * is missing, is not named as Strata names the volume's storage, has another size than the volume
 * asks for (never a resize without a separate edit), or is in no StoragePool of the volume.
 */
public final class Adoption {
  private Adoption() {}

  /** What adoption decided: {@code handled} false when the volume is planned as usual. */
  public record Result(boolean handled, Change change, Refusal refusal) {
    static final Result NOT_HANDLED = new Result(false, null, null);
  }

  public static Result plan(Volume v, VolumeSizes sizes, ObservedIndex idx, DesiredState desired) {
    Volume.Adopt a = v.adopt();
    if (a == null || idx.storage(v.name()).values().stream().anyMatch(StorageObject::owned)) {
      return Result.NOT_HANDLED; // adopted already (or created): managed like any volume
    }
    String node = a.node();
    if (!idx.reachable(node)) {
      return refuse(v, node, Refusal.Kind.UNKNOWN_NODE, node + " is not observed; adoption waits");
    }
    NodeState n = idx.observed().node(node).orElseThrow();
    String expected = Names.storageName(v.name());
    Optional<LogicalVolume> seenLv = n.logicalVolume(a.container(), a.object());
    Optional<Zvol> seenZvol = n.zvol(a.device());
    if (seenLv.isEmpty() && seenZvol.isEmpty()) {
      return missing(v, node, a.device());
    }
    Optional<StoragePool> pool = pool(v, a, desired, seenLv, seenZvol);
    if (pool.isEmpty()) {
      return refuse(
          v,
          node,
          Refusal.Kind.PLACEMENT,
          "adopt: "
              + a.device()
              + " is in no StoragePool of "
              + node
              + " that volume "
              + v.name()
              + " may use (a "
              + (seenLv.isPresent()
                  ? (seenLv.get().thinPool() == null
                      ? "thick lvm pool of " + a.container()
                      : "lvm-thin pool " + a.container() + "/" + seenLv.get().thinPool())
                  : (seenZvol.get().refreservation() == 0 ? "zfs-thin" : "zfs")
                      + " pool of "
                      + a.container())
              + " in the template's pools)");
    }
    ProviderType provider = pool.get().provider().type();
    String device = a.device();
    if (!a.object().equals(expected)) {
      return refuse(
          v,
          node,
          Refusal.Kind.SAFETY,
          "adopt: "
              + device
              + " is not named as Strata names the storage of "
              + v.name()
              + " ("
              + a.container()
              + "/"
              + expected
              + "); rename it first ("
              + (provider.lvm()
                  ? "lvrename " + device + " " + a.container() + "/" + expected
                  : "zfs rename " + device + " " + a.container() + "/" + expected)
              + ") — Strata never renames a device it adopts");
    }
    long want;
    ObjectSpec spec;
    long have;
    boolean marker = v.deletionPolicy() == DeletionPolicy.DELETE && !v.protect();
    if (provider.lvm()) {
      Optional<LogicalVolume> lv = seenLv;
      Optional<VolumeGroup> vg = n.volumeGroup(a.container());
      if (lv.isEmpty() || vg.isEmpty()) {
        return missing(v, node, device);
      }
      String thin = provider.thin() ? pool.get().provider().thinPool() : null;
      want = sizes.storage(provider, vg.get().extentSize());
      have = lv.get().size();
      spec =
          new ObjectSpec.Lv(
              a.container(), thin, a.object(), have, vg.get().physicalVolumes(), marker);
    } else {
      Optional<Zvol> z = seenZvol;
      if (z.isEmpty()) {
        return missing(v, node, device);
      }
      want = sizes.storage(provider, 0);
      have = z.get().volsize();
      spec =
          new ObjectSpec.Zvol(
              a.container(),
              a.object(),
              have,
              provider == ProviderType.ZFS_THIN,
              Sizes.DEFAULT_VOLBLOCKSIZE,
              marker);
    }
    if (have != want) {
      String fix =
          have > want
              ? "set the Volume's size to the device's ("
                  + VolumeContext.human(have)
                  + "): Strata never shrinks"
              : "adopt it at its size ("
                  + VolumeContext.human(have)
                  + ") and grow it in a separate commit";
      return refuse(
          v,
          node,
          Refusal.Kind.SAFETY,
          "adopt: "
              + device
              + " is "
              + VolumeContext.human(have)
              + ", the volume asks for "
              + VolumeContext.human(want)
              + "; "
              + fix);
    }
    Change c =
        new Change(
            VolumeContext.id(v.name(), node, Layer.STORAGE) + ":adopt",
            Action.UPDATE,
            Layer.STORAGE,
            node,
            v.name(),
            device,
            null,
            List.of(),
            "adopt the existing " + device + ": mark it as Strata's (its data is kept)",
            new ObjectSpec.Adoption(spec));
    return new Result(true, c, null);
  }

  /**
   * The StoragePool on the node that holds the device as it is: the VG's thick pool for a thick LV,
   * the lvm-thin pool of its thin pool, the zpool's zfs pool for a zvol with a reservation and its
   * zfs-thin pool for a sparse one — among the pools the volume may use.
   */
  private static Optional<StoragePool> pool(
      Volume v,
      Volume.Adopt a,
      DesiredState desired,
      Optional<LogicalVolume> lv,
      Optional<Zvol> zvol) {
    var node = desired.nodes().get(a.node());
    List<String> allowed = desired.placementOf(v).pools();
    return desired.pools().values().stream()
        .filter(p -> node != null && p.appliesTo(node))
        .filter(p -> allowed.isEmpty() || allowed.contains(p.name()))
        .filter(p -> holds(p.provider(), a.container(), lv, zvol))
        .findFirst();
  }

  private static boolean holds(
      StoragePool.Provider p, String container, Optional<LogicalVolume> lv, Optional<Zvol> zvol) {
    return switch (p.type()) {
      case LVM ->
          lv.isPresent() && container.equals(p.volumeGroup()) && lv.get().thinPool() == null;
      case LVM_THIN ->
          lv.isPresent()
              && container.equals(p.volumeGroup())
              && p.thinPool() != null
              && p.thinPool().equals(lv.get().thinPool());
      case ZFS ->
          zvol.isPresent() && container.equals(p.zpool()) && zvol.get().refreservation() > 0;
      case ZFS_THIN ->
          zvol.isPresent() && container.equals(p.zpool()) && zvol.get().refreservation() == 0;
    };
  }

  private static Result missing(Volume v, String node, String device) {
    return refuse(
        v,
        node,
        Refusal.Kind.PLACEMENT,
        "adopt: " + device + " does not exist on " + node + "; check adopt.node and adopt.device");
  }

  private static Result refuse(Volume v, String node, Refusal.Kind kind, String why) {
    return new Result(true, null, new Refusal(v.name(), node, why, kind));
  }
}
