package io.strata.reconciler.engine;

import io.strata.planner.Names;
import io.strata.planner.observed.DrbdResource;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import io.strata.schema.model.ResourceTemplate;
import io.strata.schema.model.Volume;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code strata status} shows: per volume, its replicas with their disk state, the access
 * nodes with their device paths, and whether it is Ready (every replica UpToDate, every access node
 * has its device).
 */
public record StatusReport(List<VolumeStatus> volumes, List<String> unknownNodes) {
  /** One volume. {@code replicas}: "alpha UpToDate"; {@code devices}: "gamma /dev/drbd1000". */
  public record VolumeStatus(
      String name,
      String size,
      String template,
      List<String> replicas,
      List<String> devices,
      boolean ready) {}

  public static StatusReport of(DesiredState desired, ObservedState observed) {
    List<VolumeStatus> out = new ArrayList<>();
    for (Volume v : desired.volumes().values()) {
      ResourceTemplate t = desired.templateOf(v);
      List<String> replicas = new ArrayList<>();
      List<String> devices = new ArrayList<>();
      boolean ready = true;
      for (NodeState n : observed.nodes().values()) {
        String storage = storageOn(n, v.name());
        boolean access = v.access().contains(n.node());
        if (t.has(Layer.DRBD)) {
          var res = n.drbdResource(Names.drbdResource(v.name()));
          if (res.isEmpty()) {
            if (storage != null || access) {
              ready = false;
              replicas.add(n.node() + " missing");
            }
            continue;
          }
          DrbdResource r = res.get();
          String disk = r.up() ? r.runtime().diskState() : "down";
          replicas.add(n.node() + " " + disk);
          ready &= r.up() && ("UpToDate".equals(disk) || "Diskless".equals(disk));
          if (access && r.config() != null) {
            devices.add(n.node() + " " + r.config().devicePath());
          }
        } else if (storage != null) {
          replicas.add(n.node() + " " + storage);
        }
        if (access && t.has(Layer.NVME) && !t.has(Layer.DRBD)) {
          var conn = n.nvmeConnection(Names.nqn(v.name()));
          devices.add(n.node() + " " + conn.map(c -> c.device()).orElse("not connected"));
          ready &= conn.map(c -> c.live()).orElse(false);
        }
      }
      if (replicas.isEmpty()) {
        ready = false;
      }
      out.add(new VolumeStatus(v.name(), v.size().human(), v.template(), replicas, devices, ready));
    }
    return new StatusReport(out, List.copyOf(observed.unreachable().keySet()));
  }

  private static String storageOn(NodeState n, String volume) {
    String name = Names.storageName(volume);
    for (var lv : n.logicalVolumes()) {
      if (lv.name().equals(name) && lv.owned()) {
        return lv.devicePath();
      }
    }
    for (var z : n.zvols()) {
      if (z.dataset().endsWith("/" + name) && z.owned()) {
        return z.devicePath();
      }
    }
    return null;
  }

  /** A fixed-width table, one volume per line. */
  public String render() {
    StringBuilder b = new StringBuilder();
    String fmt = "%-20s %-10s %-22s %-6s %s%n";
    b.append(String.format(fmt, "VOLUME", "SIZE", "TEMPLATE", "READY", "REPLICAS / DEVICES"));
    for (VolumeStatus v : volumes) {
      String detail = String.join(", ", v.replicas());
      if (!v.devices().isEmpty()) {
        detail += "; access: " + String.join(", ", v.devices());
      }
      b.append(
          String.format(fmt, v.name(), v.size(), v.template(), v.ready() ? "yes" : "no", detail));
    }
    if (!unknownNodes.isEmpty()) {
      b.append("unknown nodes (not observed): ")
          .append(String.join(", ", unknownNodes))
          .append('\n');
    }
    return b.toString();
  }
}
