package io.strata.planner.diff;

import io.strata.planner.observed.DrbdConfig;
import io.strata.planner.observed.DrbdResource;
import io.strata.planner.place.Replica;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.ObjectSpec.Drbd.InitialSync;
import io.strata.planner.plan.SizeChange;
import io.strata.schema.model.Layer;
import io.strata.schema.model.ProviderType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One DRBD change per host of the desired resource: create where it is missing, update where the
 * configuration differs (peers added or removed, options), re-adjust where it is down (heal), and
 * one resize after every backing device grew. A brand-new resource gets its initial sync on the
 * first diskful node by name, after every other node's resource is up.
 */
final class DrbdDiff {
  private DrbdDiff() {}

  /** Returns the ids of the update changes (peers reconfigured), which removals wait for. */
  static List<String> diff(VolumeContext ctx) {
    List<String> updates = new ArrayList<>();
    DrbdConfig cfg = ctx.desiredDrbd;
    if (!ctx.has(Layer.DRBD) || cfg == null) {
      return updates;
    }
    Map<String, DrbdResource> seen = ctx.idx.drbd(ctx.name);
    boolean brandNew =
        seen.isEmpty()
            && ctx.placement.diskful().stream().allMatch(r -> r.state() == Replica.State.NEW);
    List<String> backing = new ArrayList<>(new TreeSet<>(ctx.backingCreated.values()));
    String syncNode = initialSyncDue(ctx, seen) ? ctx.placement.diskful().get(0).node() : null;
    List<String> others = new ArrayList<>();
    SizeChange size = new SizeChange(ctx.sizes.user(), ctx.sizes.belowDrbd());
    for (DrbdConfig.Host h : cfg.hosts()) {
      String node = h.node();
      Optional<Replica> replica = ctx.placement.replicaOn(node);
      boolean touchable = replica.map(Replica::touchable).orElse(ctx.idx.reachable(node));
      if (!touchable) {
        ctx.warnings.add(
            ctx.name + ": " + node + " is not observed; its DRBD configuration is left as is");
        continue;
      }
      if (replica.isPresent()
          && !h.diskless()
          && !ctx.fresh.contains(node)
          && ctx.observedStorage(node) == null) {
        continue; // storage missing and not re-created (heal is off): nothing to attach
      }
      String id = VolumeContext.id(ctx.name, node, Layer.DRBD);
      DrbdResource o = seen.get(node);
      boolean fresh = ctx.fresh.contains(node);
      if (o == null) {
        InitialSync sync = node.equals(syncNode) ? initialSync(ctx) : InitialSync.NONE;
        ObjectSpec.Drbd spec = new ObjectSpec.Drbd(cfg, node, fresh && !h.diskless(), sync);
        String reason =
            h.diskless()
                ? (node.equals(ctx.placement.tiebreaker())
                    ? "tiebreaker (diskless)"
                    : "diskless client for access")
                : ctx.resumed.contains(node)
                    ? "initialization was interrupted; resume it"
                    : brandNew
                        ? "new resource"
                        : fresh ? "new replica" : "resource missing; re-create (heal)";
        if (!brandNew && !fresh && !h.diskless() && !ctx.heal()) {
          ctx.warnings.add(ctx.name + ": DRBD resource on " + node + " is missing (heal is off)");
          continue;
        }
        ctx.add(
            id,
            Action.CREATE,
            Layer.DRBD,
            node,
            ctx.name,
            h.diskless() ? null : size,
            backing,
            reason,
            spec);
        if (!node.equals(syncNode)) {
          others.add(id);
        }
      } else {
        boolean differs = !o.config().equals(cfg);
        boolean reattach = fresh && !h.diskless();
        boolean detached = detached(ctx, h, o);
        InitialSync sync = node.equals(syncNode) ? initialSync(ctx) : InitialSync.NONE;
        if (!differs && !reattach && !detached && o.up()) {
          continue;
        }
        if (!differs && !reattach && !ctx.heal()) {
          ctx.warnings.add(
              ctx.name
                  + ": DRBD resource on "
                  + node
                  + (detached ? " has its disk detached" : " is down")
                  + " (heal is off)");
          continue;
        }
        String reason =
            differs
                ? describe(o.config(), cfg) + inPlace(o.config(), h)
                : ctx.resumed.contains(node)
                    ? "initialization was interrupted; create metadata if missing, attach"
                    : reattach
                        ? "backing re-created; create metadata and attach (heal)"
                        : detached
                            ? "disk detached; re-attach (heal)"
                            : "resource is down; re-adjust (heal)";
        if (sync != InitialSync.NONE) {
          reason += "; initial sync";
        }
        ctx.add(
            id,
            Action.UPDATE,
            Layer.DRBD,
            node,
            ctx.name,
            null,
            backing,
            reason,
            new ObjectSpec.Drbd(cfg, node, reattach, sync));
        if (differs) {
          updates.add(id);
        }
        if (!node.equals(syncNode)) {
          others.add(id);
        }
      }
    }
    if (syncNode != null) {
      String sid = VolumeContext.id(ctx.name, syncNode, Layer.DRBD);
      Change c = ctx.changes.get(sid);
      if (c != null) {
        List<String> deps = new ArrayList<>(c.dependsOn());
        deps.addAll(others);
        ctx.changes.put(sid, c.withDependsOn(deps));
      }
    }
    resize(ctx, cfg, seen, size);
    return updates;
  }

  private static void resize(
      VolumeContext ctx, DrbdConfig cfg, Map<String, DrbdResource> seen, SizeChange size) {
    List<String> grown = new ArrayList<>();
    ctx.grown.values().forEach(grown::addAll);
    boolean small = false;
    String on = null;
    long previous = Long.MAX_VALUE; // the smallest replica bounds the device's size
    for (Replica r : ctx.placement.diskful()) {
      DrbdResource o = seen.get(r.node());
      if (!r.touchable() || o == null || !o.up()) {
        continue;
      }
      on = on == null ? r.node() : on;
      small |= o.runtime().sizeBytes() < ctx.sizes.user();
      previous = Math.min(previous, o.runtime().sizeBytes());
    }
    if (on == null || ctx.growBlocked || (grown.isEmpty() && !small)) {
      return;
    }
    String own = VolumeContext.id(ctx.name, on, Layer.DRBD);
    List<String> deps = new ArrayList<>(new TreeSet<>(grown));
    if (ctx.changes.containsKey(own)) {
      deps.add(own);
    }
    ctx.add(
        own + ":resize",
        Action.RESIZE,
        Layer.DRBD,
        on,
        ctx.name,
        size.from(previous),
        deps,
        "grow to " + VolumeContext.human(ctx.sizes.user()),
        new ObjectSpec.Drbd(cfg, on, false, InitialSync.NONE));
  }

  /**
   * The initial sync is due while no replica has ever been in sync: every diskful replica is
   * reachable and fresh (created now, or still marked as initializing — docs/decisions/005) and no
   * node reports an UpToDate disk. The marker is what makes this safe across crashes: storage
   * without it may hold data, so one unmarked replica is enough never to force a sync.
   */
  private static boolean initialSyncDue(VolumeContext ctx, Map<String, DrbdResource> seen) {
    List<Replica> diskful = ctx.placement.diskful();
    return !diskful.isEmpty()
        && diskful.stream().allMatch(r -> r.touchable() && ctx.fresh.contains(r.node()))
        && !synced(seen);
  }

  /**
   * A diskful replica whose resource is up without its disk (detached by hand, or after an I/O
   * error): its storage is there, so adjust attaches it again — its metadata exists, nothing is
   * created.
   */
  static boolean detached(VolumeContext ctx, DrbdConfig.Host h, DrbdResource o) {
    return !h.diskless()
        && o.up()
        && o.config() != null
        && o.config().host(h.node()).map(x -> !x.diskless()).orElse(false)
        && "Diskless".equals(o.runtime().diskState())
        && ctx.observedStorage(h.node()) != null;
  }

  /** True once any node of the resource reports an UpToDate disk, its own or a peer's. */
  static boolean synced(Map<String, DrbdResource> seen) {
    for (DrbdResource r : seen.values()) {
      DrbdResource.Runtime rt = r.runtime();
      if (rt != null
          && (rt.diskState().equals("UpToDate")
              || rt.peers().stream().anyMatch(p -> p.peerDiskState().equals("UpToDate")))) {
        return true;
      }
    }
    return false;
  }

  /** Skip the initial sync only when every backing device reads zeroes and no LUKS is below. */
  private static InitialSync initialSync(VolumeContext ctx) {
    if (ctx.has(Layer.LUKS)) {
      return InitialSync.FORCE_PRIMARY;
    }
    boolean zeroes =
        ctx.placement.diskful().stream().allMatch(r -> r.provider() != ProviderType.LVM);
    return zeroes ? InitialSync.CLEAR_BITMAP : InitialSync.FORCE_PRIMARY;
  }

  /** On the node whose own disk comes or goes: how, without taking the resource down. */
  private static String inPlace(DrbdConfig was, DrbdConfig.Host now) {
    Boolean before = was.host(now.node()).map(DrbdConfig.Host::diskless).orElse(null);
    if (before == null || before == now.diskless()) {
      return "";
    }
    return now.diskless()
        ? " (in place: adjust detaches the disk)"
        : " (in place: metadata on the new disk, adjust attaches it)";
  }

  static String describe(DrbdConfig was, DrbdConfig want) {
    Map<String, Boolean> before = new TreeMap<>();
    was.hosts().forEach(h -> before.put(h.node(), h.diskless()));
    Map<String, Boolean> after = new TreeMap<>();
    want.hosts().forEach(h -> after.put(h.node(), h.diskless()));
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    after.forEach(
        (node, diskless) -> {
          Boolean old = before.get(node);
          if (old == null) {
            added.add(node + (diskless ? " (diskless)" : ""));
          } else if (!old.equals(diskless)) {
            changed.add(node + (diskless ? " turns diskless" : " gets a disk"));
          }
        });
    before.forEach(
        (node, diskless) -> {
          if (!after.containsKey(node)) {
            removed.add(node + (diskless ? " (diskless)" : ""));
          }
        });
    List<String> parts = new ArrayList<>();
    if (!added.isEmpty()) {
      parts.add("peers added: " + String.join(", ", added));
    }
    if (!removed.isEmpty()) {
      parts.add("peers removed: " + String.join(", ", removed));
    }
    parts.addAll(changed);
    if (was.port() != want.port()) {
      parts.add("port " + was.port() + " → " + want.port());
    }
    if (!was.options().equals(want.options()) || !was.protocol().equals(want.protocol())) {
      parts.add("options changed");
    }
    if (parts.isEmpty()) {
      parts.add("configuration differs");
    }
    return String.join("; ", parts);
  }
}
