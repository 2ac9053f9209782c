package io.strata.planner.diff;

import io.strata.planner.naming.Names;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.NvmeConnection;
import io.strata.planner.observed.NvmeSubsystem;
import io.strata.planner.place.Replica;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.SizeChange;
import io.strata.schema.model.Layer;
import io.strata.schema.model.Node;
import io.strata.schema.model.ResourceTemplate.NvmeOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * NVMe-oF for stacks without DRBD: the export on the single replica (the target), the initiators on
 * the {@code access} nodes, and disconnects where access was removed.
 */
final class NvmeDiff {
  private NvmeDiff() {}

  static void diff(VolumeContext ctx) {
    if (!ctx.has(Layer.NVME) || ctx.has(Layer.DRBD) || ctx.placement.diskful().isEmpty()) {
      return;
    }
    Replica target = ctx.placement.diskful().get(0);
    NvmeOptions opts = ctx.template.nvme() == null ? NvmeOptions.DEFAULT : ctx.template.nvme();
    Node tn = ctx.desired.nodes().get(target.node());
    String address = tn == null ? null : tn.address();
    String nqn = Names.nqn(ctx.name);
    String exportId = null;
    if (target.touchable()) {
      ObjectSpec.NvmeExport spec =
          new ObjectSpec.NvmeExport(
              nqn,
              1,
              ctx.backingDevice(target),
              opts.port(),
              opts.transport(),
              address,
              opts.port(),
              allowedHosts(ctx, opts, target.node()));
      exportId = export(ctx, target.node(), spec);
    }
    Map<String, NvmeConnection> seen = ctx.idx.connections(ctx.name);
    ObjectSpec.NvmeAttach attach =
        new ObjectSpec.NvmeAttach(nqn, opts.transport(), address, opts.port());
    for (String a : ctx.placement.initiators()) {
      NvmeConnection c = seen.get(a);
      boolean missing = c == null;
      if (!missing && c.live() && c.device() != null) {
        continue;
      }
      if (!missing && c.live()) {
        // the kernel dropped the namespace behind a live path (its identifiers changed while
        // reconnecting, decision 032): a rescan adds it back, nothing is disconnected
        if (!ctx.heal()) {
          ctx.warnings.add(
              ctx.name
                  + ": NVMe path on "
                  + a
                  + " is live but has no namespace device (heal is off)");
          continue;
        }
        ctx.add(
            VolumeContext.id(ctx.name, a, Layer.NVME),
            Action.UPDATE,
            Layer.NVME,
            a,
            nqn,
            null,
            exportId == null ? List.of() : List.of(exportId),
            "path live but its namespace has no block device (identifiers changed); rescan (heal)",
            attach);
        continue;
      }
      if (!missing && !ctx.heal()) {
        ctx.warnings.add(ctx.name + ": NVMe path on " + a + " is " + c.state() + " (heal is off)");
        continue;
      }
      List<String> deps = exportId == null ? List.of() : List.of(exportId);
      ctx.add(
          VolumeContext.id(ctx.name, a, Layer.NVME),
          Action.CONNECT,
          Layer.NVME,
          a,
          nqn,
          null,
          deps,
          missing ? "access requested" : "path " + c.state() + "; reconnect (heal)",
          attach);
    }
    for (Map.Entry<String, NvmeConnection> e : seen.entrySet()) {
      if (!ctx.placement.initiators().contains(e.getKey())) {
        ctx.add(
            VolumeContext.id(ctx.name, e.getKey(), Layer.NVME),
            Action.DISCONNECT,
            Layer.NVME,
            e.getKey(),
            nqn,
            null,
            List.of(),
            "access removed",
            attach);
      }
    }
  }

  /**
   * Who may connect: the template's {@code allowedHosts} plus each access node's own host NQN, so
   * no export is open to any host (§3). While an access node is unknown its NQN is not known
   * either: the hosts the export already allows stay, rather than cutting that node off.
   */
  static List<String> allowedHosts(VolumeContext ctx, NvmeOptions opts, String target) {
    TreeSet<String> allowed = new TreeSet<>(opts.allowedHosts());
    boolean uncertain = false;
    // the volume's access nodes, not only the placed initiators: an unknown one is not placed
    for (String a : ctx.volume.access()) {
      if (a.equals(target)) {
        continue;
      }
      Optional<NodeState> n = ctx.idx.observed().node(a);
      if (n.isEmpty()) {
        uncertain = true;
      } else if (n.get().hostNqn() == null) {
        ctx.warnings.add(
            ctx.name
                + ": "
                + a
                + " has no /etc/nvme/hostnqn, so the export cannot allow it; create one"
                + " (nvme gen-hostnqn > /etc/nvme/hostnqn)");
      } else {
        allowed.add(n.get().hostNqn());
      }
    }
    NvmeSubsystem seen = ctx.idx.exports(ctx.name).get(target);
    if (uncertain && seen != null) {
      allowed.addAll(seen.allowedHosts());
    }
    return List.copyOf(allowed);
  }

  private static String export(VolumeContext ctx, String node, ObjectSpec.NvmeExport spec) {
    String id = VolumeContext.id(ctx.name, node, Layer.NVME);
    NvmeSubsystem s = ctx.idx.exports(ctx.name).get(node);
    String below = ctx.backingCreated.get(node);
    List<String> deps = new ArrayList<>();
    if (below != null) {
      deps.add(below);
    }
    SizeChange size = new SizeChange(ctx.sizes.user(), ctx.sizes.user());
    if (s == null) {
      boolean fresh = ctx.fresh.contains(node);
      if (!fresh && !ctx.heal()) {
        ctx.warnings.add(ctx.name + ": NVMe export on " + node + " is missing (heal is off)");
        return null;
      }
      ctx.add(
          id,
          Action.CREATE,
          Layer.NVME,
          node,
          spec.nqn(),
          size,
          deps,
          fresh ? "new volume" : "export missing; re-export (heal)",
          spec);
      return id;
    }
    String result = null;
    if (!matches(s, spec)) {
      ctx.add(
          id,
          Action.UPDATE,
          Layer.NVME,
          node,
          spec.nqn(),
          null,
          deps,
          "export differs from the template (device, port or allowed hosts)",
          spec);
      result = id;
    }
    List<String> grew = ctx.grown.get(node);
    if (grew != null) {
      List<String> d = new ArrayList<>(grew);
      if (result != null) {
        d.add(result);
      }
      ctx.add(
          id + ":resize",
          Action.RESIZE,
          Layer.NVME,
          node,
          spec.nqn(),
          size,
          d,
          "revalidate the namespace size",
          spec);
    }
    return result;
  }

  /** Whether the observed export already is exactly {@code spec}. */
  static boolean matches(NvmeSubsystem s, ObjectSpec.NvmeExport spec) {
    boolean ns =
        s.namespaces().stream()
            .anyMatch(
                n ->
                    n.nsid() == spec.nsid()
                        && n.devicePath().equals(spec.devicePath())
                        && n.enabled());
    boolean port =
        s.ports().stream()
            .anyMatch(
                p ->
                    p.serviceId() == spec.serviceId()
                        && p.transport().equals(spec.transport())
                        && Objects.equals(p.address(), spec.address()));
    boolean hosts =
        new TreeSet<>(s.allowedHosts()).equals(new TreeSet<>(spec.allowedHosts()))
            && !s.allowAnyHost();
    return ns && port && hosts;
  }
}
