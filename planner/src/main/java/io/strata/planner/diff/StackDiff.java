package io.strata.planner.diff;

import io.strata.planner.Names;
import io.strata.planner.index.StorageObject;
import io.strata.planner.observed.LuksDevice;
import io.strata.planner.place.Replica;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.SizeChange;
import io.strata.schema.model.Layer;
import io.strata.schema.model.ResourceTemplate.LuksOptions;
import java.util.ArrayList;
import java.util.List;

/** Storage and LUKS changes of each diskful replica: create, grow, heal. */
final class StackDiff {
  private StackDiff() {}

  static void diff(VolumeContext ctx) {
    boolean growBlocked = growBlockedByUnknown(ctx) || growBlockedByCapacity(ctx);
    ctx.growBlocked = growBlocked;
    for (Replica r : ctx.placement.diskful()) {
      if (r.touchable()) {
        replica(ctx, r, growBlocked);
      }
    }
  }

  private static void replica(VolumeContext ctx, Replica r, boolean growBlocked) {
    String node = r.node();
    ObjectSpec spec = ctx.storageSpec(r);
    long want = ctx.storageSize(r);
    SizeChange size = new SizeChange(ctx.sizes.user(), want);
    String object = r.storageDisplay(Names.storageName(ctx.name));
    StorageObject o = ctx.observedStorage(node);
    String sid = VolumeContext.id(ctx.name, node, Layer.STORAGE);
    String top = null;
    List<String> grew = new ArrayList<>();
    if (o == null) {
      if (r.state() == Replica.State.MISSING && !ctx.heal()) {
        ctx.warnings.add(
            ctx.name + ": storage of the replica on " + node + " is missing (heal is off)");
        return;
      }
      String reason =
          r.state() == Replica.State.NEW
              ? "new replica"
              : "replica storage missing; re-create (heal)";
      ctx.add(sid, Action.CREATE, Layer.STORAGE, node, object, size, List.of(), reason, spec);
      ctx.fresh.add(node);
      top = sid;
      if (r.state() == Replica.State.MISSING) {
        ctx.reserve(r, want);
      }
    } else if (o.size() < want && !growBlocked) {
      ctx.add(
          sid,
          Action.RESIZE,
          Layer.STORAGE,
          node,
          object,
          size,
          List.of(),
          "grow from " + VolumeContext.human(o.size()) + " to " + VolumeContext.human(want),
          spec);
      grew.add(sid);
      ctx.reserve(r, want - o.size());
    }
    if (ctx.has(Layer.LUKS)) {
      String lid = VolumeContext.id(ctx.name, node, Layer.LUKS);
      LuksOptions lo = ctx.template.luks();
      ObjectSpec.Luks luks =
          new ObjectSpec.Luks(
              Names.luksMapping(ctx.name),
              VolumeContext.storageDevice(spec),
              lo == null || lo.cipher() == null ? LuksOptions.DEFAULT_CIPHER : lo.cipher(),
              lo == null || lo.keySize() <= 0 ? LuksOptions.DEFAULT_KEY_SIZE : lo.keySize(),
              lo == null ? null : lo.passphraseRef(),
              ctx.sizes.belowLuks());
      SizeChange lsize = new SizeChange(ctx.sizes.user(), ctx.sizes.belowLuks());
      LuksDevice l = ctx.idx.luks(ctx.name).get(node);
      if (l == null) {
        boolean fresh = ctx.fresh.contains(node);
        if (fresh || ctx.heal()) {
          ctx.add(
              lid,
              Action.CREATE,
              Layer.LUKS,
              node,
              luks.mapping(),
              lsize,
              top == null ? List.of() : List.of(top),
              fresh ? "new replica" : "LUKS mapping closed; open it (heal)",
              luks);
          top = lid;
        } else {
          ctx.warnings.add(ctx.name + ": LUKS mapping on " + node + " is closed (heal is off)");
        }
      } else if (!grew.isEmpty() || l.size() < ctx.sizes.belowDrbd()) {
        if (!growBlocked) {
          ctx.add(
              lid,
              Action.RESIZE,
              Layer.LUKS,
              node,
              luks.mapping(),
              lsize,
              grew,
              "grow to fill its device",
              luks);
          grew = List.of(lid);
        }
      }
    }
    if (top != null) {
      ctx.backingCreated.put(node, top);
    }
    if (!grew.isEmpty()) {
      ctx.grown.put(node, grew);
    }
  }

  /**
   * A volume grows on every replica or on none: refuse when a replica's pool has not the room, so
   * that no replica is left larger than the others and no apply runs into a full pool.
   */
  private static boolean growBlockedByCapacity(VolumeContext ctx) {
    for (Replica r : ctx.placement.diskful()) {
      StorageObject o = r.touchable() ? ctx.observedStorage(r.node()) : null;
      if (o == null || r.pool() == null) {
        continue;
      }
      long extra = ctx.storageSize(r) - o.size();
      var pool = ctx.desired.pools().get(r.pool());
      if (extra <= 0 || pool == null) {
        continue;
      }
      long free = ctx.capacity.free(r.node(), pool);
      if (free != io.strata.planner.place.Capacity.NOT_OBSERVED && free < extra) {
        PreChecks.refuse(
            ctx,
            r.node(),
            "cannot grow "
                + o.display()
                + " by "
                + VolumeContext.human(extra)
                + ": pool "
                + r.pool()
                + " has "
                + VolumeContext.human(free)
                + " free on "
                + r.node()
                + " — free space there or request a smaller size");
        return true;
      }
    }
    return false;
  }

  /** DRBD can only grow with every diskful peer attached: refuse while one is unknown. */
  private static boolean growBlockedByUnknown(VolumeContext ctx) {
    boolean grows = false;
    String unknown = null;
    for (Replica r : ctx.placement.diskful()) {
      StorageObject o = r.touchable() ? ctx.observedStorage(r.node()) : null;
      if (o != null && o.size() < ctx.storageSize(r)) {
        grows = true;
      }
      if (!r.touchable()) {
        unknown = r.node();
      }
    }
    if (grows && unknown != null && ctx.has(Layer.DRBD)) {
      PreChecks.refuse(
          ctx,
          unknown,
          "cannot grow "
              + ctx.name
              + " while the replica on "
              + unknown
              + " cannot be reached; it is grown once every replica is observed");
      return true;
    }
    return false;
  }
}
