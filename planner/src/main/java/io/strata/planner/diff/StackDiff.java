package io.strata.planner.diff;

import io.strata.planner.index.StorageObject;
import io.strata.planner.naming.Names;
import io.strata.planner.observed.LuksDevice;
import io.strata.planner.place.Replica;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Refusal;
import io.strata.planner.plan.SizeChange;
import io.strata.schema.model.Layer;
import io.strata.schema.model.ResourceTemplate.LuksOptions;
import java.util.ArrayList;
import java.util.List;

/** Storage and LUKS changes of each diskful replica: create, grow, heal. */
final class StackDiff {
  private StackDiff() {}

  static void diff(VolumeContext ctx) {
    boolean growBlocked = growBlocked(ctx);
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
    if (ctx.origin != null && ctx.origin.node().equals(node) && (o == null || o.initMarker())) {
      top = CloneDiff.clone(ctx, r, o);
      o = null; // nothing below applies to a copy being made
    } else if (o == null) {
      if (r.state() == Replica.State.MISSING && !ctx.heal()) {
        ctx.warnings.add(
            ctx.name + ": storage of the replica on " + node + " is missing (heal is off)");
        return;
      }
      String reason =
          r.state() == Replica.State.NEW
              ? "new replica"
              : "replica storage missing; re-create (heal)";
      ObjectSpec marked = VolumeContext.withInitMarker(spec, ctx.formats());
      ctx.add(sid, Action.CREATE, Layer.STORAGE, node, object, size, List.of(), reason, marked);
      ctx.fresh.add(node);
      top = sid;
      if (r.state() == Replica.State.MISSING) {
        ctx.reserve(r, want);
      }
    } else {
      top = activation(ctx, r, o, spec, object);
    }
    if (o != null && o.size() < want && !growBlocked) {
      ctx.add(
          sid,
          Action.RESIZE,
          Layer.STORAGE,
          node,
          object,
          size.from(o.size()),
          top == null ? List.of() : List.of(top),
          "grow from " + VolumeContext.human(o.size()) + " to " + VolumeContext.human(want),
          spec);
      grew.add(sid);
      ctx.reserve(r, want - o.size());
    }
    if (o != null && o.owned() && o.initMarker() && ctx.formats()) {
      // an earlier plan created this storage and was interrupted before the layers above were
      // initialized: it holds no data of the user, so the initialization resumes
      ctx.fresh.add(node);
      ctx.resumed.add(node);
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
              ctx.sizes.belowLuks(),
              ctx.fresh.contains(node),
              lo == null ? null : lo.pbkdf());
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
              ctx.resumed.contains(node)
                  ? "initialization was interrupted; format if still empty, open"
                  : fresh
                      ? "new replica"
                      : "LUKS mapping closed; open Strata's container, never format (heal)",
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
              lsize.from(l.size()),
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
   * An LV of Strata's that exists but is not active (a reboot without autoactivation): activate it
   * before anything above opens it. Returns the change's id, or null when nothing is planned.
   */
  private static String activation(
      VolumeContext ctx, Replica r, StorageObject o, ObjectSpec spec, String object) {
    if (o.active() || !o.owned() || !(spec instanceof ObjectSpec.Lv lv)) {
      return null;
    }
    if (!ctx.heal()) {
      ctx.warnings.add(
          ctx.name + ": storage " + object + " on " + r.node() + " is inactive (heal is off)");
      return null;
    }
    String id = VolumeContext.id(ctx.name, r.node(), Layer.STORAGE) + ":activate";
    ctx.add(
        id,
        Action.UPDATE,
        Layer.STORAGE,
        r.node(),
        object,
        null,
        List.of(),
        "LV is inactive (as after a reboot); activate it (heal)",
        new ObjectSpec.LvActivation(lv));
    return id;
  }

  /**
   * DRBD can only grow with every diskful peer attached: refuse while one is unknown; and only with
   * room for it everywhere.
   */
  private static boolean growBlocked(VolumeContext ctx) {
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
              + " cannot be reached; it is grown once every replica is observed",
          Refusal.Kind.UNKNOWN_NODE);
      return true;
    }
    return grows && !fits(ctx);
  }

  /**
   * Growth needs room on every replica's pool (after what this plan reserved already); otherwise
   * nothing of the volume grows, and the refusal says where space is missing.
   */
  private static boolean fits(VolumeContext ctx) {
    List<String> short_ = new ArrayList<>();
    for (Replica r : ctx.placement.diskful()) {
      StorageObject o = r.touchable() ? ctx.observedStorage(r.node()) : null;
      var pool = r.pool() == null ? null : ctx.desired.pools().get(r.pool());
      if (o == null || pool == null || o.size() >= ctx.storageSize(r)) {
        continue;
      }
      long more = ctx.storageSize(r) - o.size();
      long free = ctx.capacity.free(r.node(), pool);
      if (free >= 0 && free < more) {
        short_.add(
            r.node()
                + ": pool "
                + pool.name()
                + " has "
                + VolumeContext.human(free)
                + " free, needs "
                + VolumeContext.human(more)
                + " more"
                + ctx.capacity.limitNote(r.node(), pool));
      }
    }
    if (short_.isEmpty()) {
      return true;
    }
    PreChecks.refuse(
        ctx,
        null,
        "cannot grow "
            + ctx.name
            + " to "
            + VolumeContext.human(ctx.sizes.user())
            + ": "
            + String.join("; ", short_)
            + "; free space in the pool or choose a smaller size",
        Refusal.Kind.PLACEMENT);
    return false;
  }
}
