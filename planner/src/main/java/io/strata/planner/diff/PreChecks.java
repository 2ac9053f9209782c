package io.strata.planner.diff;

import io.strata.planner.index.StorageObject;
import io.strata.planner.naming.Names;
import io.strata.planner.observed.DrbdConfig;
import io.strata.planner.observed.DrbdResource;
import io.strata.planner.observed.LuksDevice;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.NvmeSubsystem;
import io.strata.planner.place.Replica;
import io.strata.planner.plan.Refusal;
import io.strata.schema.model.Layer;
import java.util.List;
import java.util.TreeSet;

/**
 * Whole-volume refusals decided before any change is computed: objects in the way that Strata does
 * not own, and layers that would be formatted over existing data. Any of them stops every change of
 * the volume, so a half-applied plan can never make things worse.
 */
final class PreChecks {
  private PreChecks() {}

  /** Adds refusals to {@code ctx}; returns true when the volume may be planned. */
  static boolean check(VolumeContext ctx) {
    String name = ctx.name;
    if (ctx.has(Layer.DRBD) && ctx.has(Layer.NVME)) {
      refuse(
          ctx,
          null,
          "layer stack "
              + ctx.template.layers()
              + " (DRBD over NVMe-oF) is not"
              + " supported by this planner yet; use [drbd, storage] or [nvme, storage]");
      return false;
    }
    if (ctx.has(Layer.DRBD) && drbdUnobserved(ctx)) {
      return false;
    }
    DrbdConfig seen = ctx.has(Layer.DRBD) ? ctx.idx.drbdConfig(name) : null;
    for (Replica r : ctx.placement.diskful()) {
      StorageObject o = ctx.observedStorage(r.node());
      if (o == null || !r.touchable()) {
        continue;
      }
      if (o.owned() && o.initMarker()) {
        continue; // an interrupted initialization: nothing of the user's is on it yet (005)
      }
      if (ctx.has(Layer.LUKS)
          && !ctx.idx.luks(name).containsKey(r.node())
          && usedRaw(ctx, seen, r.node(), o)) {
        refuse(
            ctx,
            r.node(),
            "would put LUKS under "
                + o.display()
                + ", which holds data and is used without encryption on "
                + r.node()
                + ": the template gained a luks layer; create a new volume with this template"
                + " and copy the data");
      }
      if (ctx.has(Layer.DRBD) && !drbdEvidence(ctx, seen, r.node())) {
        refuse(
            ctx,
            r.node(),
            "would create DRBD metadata on "
                + o.display()
                + ", which may hold data; if an interrupted run created it and it holds no data,"
                + " remove it by hand and Strata re-creates it, otherwise create a new volume");
      }
    }
    for (var e : ctx.idx.luks(name).entrySet()) {
      LuksDevice l = e.getValue();
      if (!l.owned()) {
        refuse(
            ctx,
            e.getKey(),
            "dm-crypt mapping "
                + l.mapping()
                + " on "
                + e.getKey()
                + " exists but is not Strata's; rename or remove it by hand");
      }
    }
    for (var e : ctx.idx.drbd(name).entrySet()) {
      DrbdResource d = e.getValue();
      if (!d.owned() || d.config() == null) {
        refuse(
            ctx,
            e.getKey(),
            "DRBD resource "
                + d.name()
                + " on "
                + e.getKey()
                + " exists but is not Strata's (no "
                + Names.drbdResFile(name)
                + "); rename or remove it by hand");
      }
    }
    for (var e : ctx.idx.exports(name).entrySet()) {
      NvmeSubsystem s = e.getValue();
      if (!s.owned()) {
        refuse(ctx, e.getKey(), "NVMe subsystem " + s.nqn() + " exists but is not Strata's");
      }
    }
    if (ctx.has(Layer.NVME)) {
      sharedHostNqns(ctx);
    }
    return ctx.refusals.isEmpty();
  }

  /**
   * A DRBD volume with a replica, client or tiebreaker on a node whose DRBD layer could not be
   * observed (a kernel without DRBD 9) is refused, naming the node and what it found; the node's
   * other layers and every other volume are planned as usual.
   */
  private static boolean drbdUnobserved(VolumeContext ctx) {
    TreeSet<String> nodes = new TreeSet<>(ctx.placement.clients());
    ctx.placement.diskful().forEach(r -> nodes.add(r.node()));
    ctx.placement.remove().forEach(r -> nodes.add(r.node()));
    if (ctx.placement.tiebreaker() != null) {
      nodes.add(ctx.placement.tiebreaker());
    }
    nodes.addAll(ctx.idx.drbd(ctx.name).keySet());
    boolean any = false;
    for (String n : nodes) {
      String why = ctx.idx.observed().node(n).map(s -> s.unobserved().get(Layer.DRBD)).orElse(null);
      if (why != null) {
        refuse(ctx, n, "DRBD on " + n + " cannot be observed: " + why);
        any = true;
      }
    }
    return any;
  }

  /**
   * A target allows initiators by host NQN, so two nodes with the same one cannot be told apart
   * (qemu guests without a DMI UUID all generate the same): allowing one would allow the other.
   */
  private static void sharedHostNqns(VolumeContext ctx) {
    for (String a : ctx.placement.initiators()) {
      String nqn = ctx.idx.observed().node(a).map(NodeState::hostNqn).orElse(null);
      if (nqn == null) {
        continue;
      }
      List<String> others =
          ctx.idx.observed().nodes().values().stream()
              .filter(n -> !n.node().equals(a) && nqn.equals(n.hostNqn()))
              .map(NodeState::node)
              .toList();
      if (!others.isEmpty()) {
        refuse(
            ctx,
            a,
            "host NQN "
                + nqn
                + " of "
                + a
                + " is also the host NQN of "
                + String.join(", ", others)
                + ": an NVMe target cannot tell them apart; give each node its own"
                + " /etc/nvme/hostnqn and /etc/nvme/hostid (nvme gen-hostnqn; a random uuid"
                + " where the machine has no DMI UUID)");
      }
    }
  }

  /** A DRBD resource on existing storage is only (re)created where DRBD evidently ran before. */
  private static boolean drbdEvidence(VolumeContext ctx, DrbdConfig seen, String node) {
    if (ctx.idx.drbd(ctx.name).containsKey(node)) {
      return true;
    }
    return seen != null && seen.host(node).map(h -> !h.diskless()).orElse(false);
  }

  /**
   * Whether the layer above uses the storage device itself (DRBD disk or NVMe namespace), which
   * proves the volume never had LUKS there. Without such proof a missing mapping is a closed
   * container: the LUKS change then only opens a header with Strata's label and never formats.
   */
  static boolean usedRaw(VolumeContext ctx, DrbdConfig seen, String node, StorageObject o) {
    String raw = o.devicePath();
    if (seen != null && seen.host(node).map(h -> raw.equals(h.disk())).orElse(false)) {
      return true;
    }
    NvmeSubsystem s = ctx.idx.exports(ctx.name).get(node);
    return s != null && s.namespaces().stream().anyMatch(n -> raw.equals(n.devicePath()));
  }

  static List<Refusal> refuse(VolumeContext ctx, String node, String reason) {
    return refuse(ctx, node, reason, Refusal.Kind.SAFETY);
  }

  static List<Refusal> refuse(VolumeContext ctx, String node, String reason, Refusal.Kind kind) {
    ctx.refusals.add(new Refusal(ctx.name, node, reason, kind));
    return ctx.refusals;
  }
}
