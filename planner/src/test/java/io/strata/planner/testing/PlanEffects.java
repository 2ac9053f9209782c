package io.strata.planner.testing;

import io.strata.planner.alloc.Sizes;
import io.strata.planner.observed.DrbdResource;
import io.strata.planner.observed.LogicalVolume;
import io.strata.planner.observed.LuksDevice;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.NvmeConnection;
import io.strata.planner.observed.NvmeSubsystem;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.observed.ThinPool;
import io.strata.planner.observed.VolumeGroup;
import io.strata.planner.observed.Zpool;
import io.strata.planner.observed.Zvol;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Plan;
import io.strata.schema.model.DesiredState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A pure model of what applying a plan does to the observed state: every change's effect, as a
 * perfect executor would leave it (LVs tagged strata, DRBD up and UpToDate after create, …). Used
 * to check that planning is idempotent: plan, apply, plan again gives no changes.
 */
public final class PlanEffects {
  private final Map<String, Mutable> nodes = new TreeMap<>();
  private final DesiredState desired;

  private PlanEffects(ObservedState observed, DesiredState desired) {
    this.desired = desired;
    observed.nodes().forEach((k, v) -> nodes.put(k, new Mutable(v)));
  }

  public static ObservedState apply(DesiredState desired, ObservedState observed, Plan plan) {
    PlanEffects e = new PlanEffects(observed, desired);
    for (Change c : plan.changes()) {
      Mutable n = e.nodes.get(c.node());
      if (n == null) {
        throw new IllegalStateException("change on a node that is not observed: " + c.id());
      }
      e.apply(n, c);
    }
    Map<String, NodeState> out = new TreeMap<>();
    e.nodes.forEach((k, v) -> out.put(k, v.build()));
    return ObservedState.of(out, observed.unreachable());
  }

  private void apply(Mutable n, Change c) {
    ObjectSpec spec = c.spec();
    if (spec instanceof ObjectSpec.Lv lv) {
      lv(n, c, lv);
    } else if (spec instanceof ObjectSpec.LvActivation a) {
      LogicalVolume old =
          find(n.lvs, x -> x.vg().equals(a.lv().vg()) && x.name().equals(a.lv().name()));
      if (old != null) {
        String attr = old.attr().substring(0, 4) + 'a' + old.attr().substring(5);
        n.lvs.set(
            n.lvs.indexOf(old),
            new LogicalVolume(
                old.vg(), old.name(), old.size(), old.tags(), old.thinPool(), old.origin(), attr));
      }
    } else if (spec instanceof ObjectSpec.Zvol z) {
      zvol(n, c, z);
    } else if (spec instanceof ObjectSpec.Luks l) {
      n.luks.removeIf(x -> x.mapping().equals(l.mapping()));
      if (!c.action().destructive()) {
        long backing = backingSize(n, l.backingDevice());
        n.luks.add(
            new LuksDevice(l.mapping(), l.backingDevice(), backing - Sizes.LUKS2_HEADER, true));
      }
    } else if (spec instanceof ObjectSpec.Drbd d) {
      drbd(n, c, d);
    } else if (spec instanceof ObjectSpec.NvmeExport x) {
      n.subsystems.removeIf(s -> s.nqn().equals(x.nqn()));
      if (!c.action().destructive()) {
        n.subsystems.add(
            new NvmeSubsystem(
                x.nqn(),
                List.of(new NvmeSubsystem.Namespace(x.nsid(), x.devicePath(), true, 0)),
                List.of(
                    new NvmeSubsystem.Port(x.portId(), x.transport(), x.address(), x.serviceId())),
                x.allowedHosts(),
                false));
      }
    } else if (spec instanceof ObjectSpec.NvmeAttach a) {
      n.connections.removeIf(x -> x.nqn().equals(a.nqn()));
      if (c.action() == Action.CONNECT || c.action() == Action.UPDATE) { // UPDATE: a rescan
        n.connections.add(
            new NvmeConnection(
                a.nqn(), a.transport(), a.address(), a.serviceId(), "live", "/dev/nvme0n1"));
      }
    } else if (spec instanceof ObjectSpec.StorageSnapshot s) {
      snapshot(n, c, s);
    } else if (spec instanceof ObjectSpec.StorageClone s) {
      clone(n, c, s);
    }
  }

  /** The clone as its executor leaves it: the target made, marked with its source. */
  private void clone(Mutable n, Change c, ObjectSpec.StorageClone s) {
    if (s.target() instanceof ObjectSpec.Lv lv) {
      ObjectSpec.Lv done = lv.withInitMarker(false);
      lv(n, c, done);
      LogicalVolume made = find(n.lvs, x -> x.vg().equals(lv.vg()) && x.name().equals(lv.name()));
      TreeSet<String> t = new TreeSet<>(made.tags());
      t.add(LogicalVolume.SOURCE_TAG_PREFIX + s.marker());
      String origin =
          s.method() == ObjectSpec.StorageClone.Method.THIN_SNAPSHOT
              ? (s.sourceSnapshot() != null
                  ? s.sourceSnapshot()
                  : ((ObjectSpec.Lv) s.source()).name())
              : null;
      n.lvs.set(
          n.lvs.indexOf(made),
          new LogicalVolume(
              made.vg(), made.name(), made.size(), t, made.thinPool(), origin, made.attr()));
      return;
    }
    ObjectSpec.Zvol z = (ObjectSpec.Zvol) s.target();
    ObjectSpec.Zvol src = (ObjectSpec.Zvol) s.source();
    if (s.takeSnapshot()) {
      snapshot(
          n,
          new Change(
              c.id(),
              Action.SNAPSHOT,
              c.layer(),
              c.node(),
              c.volume(),
              null,
              null,
              List.of(),
              "",
              new ObjectSpec.StorageSnapshot(src, s.sourceSnapshot(), true)),
          new ObjectSpec.StorageSnapshot(src, s.sourceSnapshot(), true));
    }
    zvol(n, c, z);
    Zvol made = find(n.zvols, x -> x.dataset().equals(z.dataset()));
    n.zvols.set(
        n.zvols.indexOf(made),
        new Zvol(
            made.dataset(),
            made.volsize(),
            made.used(),
            made.refreservation(),
            made.owner(),
            made.init(),
            s.marker()));
  }

  private void lv(Mutable n, Change c, ObjectSpec.Lv lv) {
    LogicalVolume old = find(n.lvs, x -> x.vg().equals(lv.vg()) && x.name().equals(lv.name()));
    long oldSize = old == null ? 0 : old.size();
    n.lvs.remove(old);
    long newSize = c.action().destructive() ? 0 : keepsSize(c, old) ? oldSize : lv.sizeBytes();
    if (!c.action().destructive()) {
      TreeSet<String> t = tags(lv.deleteMarker(), lv.initMarker());
      if (old != null && old.source() != null) { // a grow or marker update keeps the source tag
        t.add(LogicalVolume.SOURCE_TAG_PREFIX + old.source());
      }
      n.lvs.add(
          new LogicalVolume(
              lv.vg(),
              lv.name(),
              newSize,
              t,
              lv.thinPool(),
              old == null ? null : old.origin(),
              "-wi-a-----"));
    }
    long delta = newSize - oldSize;
    if (lv.thinPool() == null) {
      n.vgs.replaceAll(
          v ->
              v.name().equals(lv.vg())
                  ? new VolumeGroup(
                      v.name(), v.size(), v.free() - delta, v.extentSize(), v.physicalVolumes())
                  : v);
    } else {
      n.thin.replaceAll(
          t ->
              t.vg().equals(lv.vg()) && t.name().equals(lv.thinPool())
                  ? new ThinPool(t.vg(), t.name(), t.size(), Math.max(0, t.used() + delta))
                  : t);
    }
  }

  private void zvol(Mutable n, Change c, ObjectSpec.Zvol z) {
    Zvol old = find(n.zvols, x -> x.dataset().equals(z.dataset()));
    long oldSize = old == null ? 0 : old.volsize();
    n.zvols.remove(old);
    long newSize = c.action().destructive() ? 0 : keepsSize(c, old) ? oldSize : z.sizeBytes();
    if (!c.action().destructive()) {
      n.zvols.add(
          new Zvol(
              z.dataset(),
              newSize,
              0,
              z.sparse() ? 0 : newSize,
              owner(z.deleteMarker()),
              z.initMarker() ? Zvol.INIT_PENDING : null,
              old == null ? null : old.source()));
    }
    long delta = z.sparse() ? 0 : newSize - oldSize;
    n.zpools.replaceAll(
        p -> p.name().equals(z.zpool()) ? new Zpool(p.name(), p.size(), p.free() - delta) : p);
  }

  /** An update only changes the marker: the object keeps its size. */
  private static boolean keepsSize(Change c, Object old) {
    return c.action() == Action.UPDATE && old != null;
  }

  private static TreeSet<String> tags(boolean deleteMarker) {
    return tags(deleteMarker, false);
  }

  private static TreeSet<String> tags(boolean deleteMarker, boolean initMarker) {
    TreeSet<String> t = new TreeSet<>(Set.of("strata"));
    if (deleteMarker) {
      t.add("strata-delete");
    }
    if (initMarker) {
      t.add(LogicalVolume.INIT_TAG);
    }
    return t;
  }

  private static String owner(boolean deleteMarker) {
    return deleteMarker ? "strata-delete" : "strata";
  }

  private void snapshot(Mutable n, Change c, ObjectSpec.StorageSnapshot s) {
    if (s.origin() instanceof ObjectSpec.Lv lv) {
      n.lvs.removeIf(x -> x.vg().equals(lv.vg()) && x.name().equals(s.name()));
      if (!c.action().destructive()) {
        n.lvs.add(
            new LogicalVolume(
                lv.vg(),
                s.name(),
                lv.sizeBytes(),
                tags(s.deleteMarker()),
                lv.thinPool(),
                lv.name(),
                "Vri---tz-k"));
      }
    } else if (s.origin() instanceof ObjectSpec.Zvol z) {
      String ds = z.dataset() + "@" + s.name();
      n.zvols.removeIf(x -> x.dataset().equals(ds));
      if (!c.action().destructive()) {
        n.zvols.add(new Zvol(ds, z.sizeBytes(), 0, 0, owner(s.deleteMarker())));
      }
    }
  }

  private void drbd(Mutable n, Change c, ObjectSpec.Drbd d) {
    DrbdResource old = find(n.drbd, x -> x.name().equals(d.config().resource()));
    n.drbd.remove(old);
    if (c.action().destructive()) {
      return;
    }
    var host = d.config().host(n.name).orElseThrow();
    long user = desired.volumes().get(d.config().resource()).size().bytes();
    long size = old != null && old.runtime() != null ? old.runtime().sizeBytes() : user;
    if (c.action() == Action.RESIZE) {
      size = user;
    }
    DrbdResource.Runtime rt =
        new DrbdResource.Runtime(
            "Secondary", host.nodeId(), host.diskless() ? "Diskless" : "UpToDate", size, List.of());
    n.drbd.add(new DrbdResource(d.config().resource(), true, d.config(), rt));
    if (c.action() == Action.RESIZE) {
      for (Mutable other : nodes.values()) {
        other.drbd.replaceAll(
            r ->
                r.name().equals(d.config().resource()) && r.runtime() != null
                    ? new DrbdResource(
                        r.name(),
                        r.owned(),
                        r.config(),
                        new DrbdResource.Runtime(
                            r.runtime().role(),
                            r.runtime().nodeId(),
                            r.runtime().diskState(),
                            user,
                            r.runtime().peers()))
                    : r);
      }
    }
  }

  private static long backingSize(Mutable n, String device) {
    for (LogicalVolume lv : n.lvs) {
      if (lv.devicePath().equals(device)) {
        return lv.size();
      }
    }
    for (Zvol z : n.zvols) {
      if (z.devicePath().equals(device)) {
        return z.volsize();
      }
    }
    throw new IllegalStateException("no backing device " + device + " on " + n.name);
  }

  private static <T> T find(List<T> list, Predicate<T> p) {
    return list.stream().filter(p).findFirst().orElse(null);
  }

  private static final class Mutable {
    final String name;
    final List<VolumeGroup> vgs;
    final List<ThinPool> thin;
    final List<Zpool> zpools;
    final List<LogicalVolume> lvs;
    final List<Zvol> zvols;
    final List<LuksDevice> luks;
    final List<DrbdResource> drbd;
    final List<NvmeSubsystem> subsystems;
    final List<NvmeConnection> connections;
    final NodeState before;

    Mutable(NodeState s) {
      before = s;
      name = s.node();
      vgs = new ArrayList<>(s.volumeGroups());
      thin = new ArrayList<>(s.thinPools());
      zpools = new ArrayList<>(s.zpools());
      lvs = new ArrayList<>(s.logicalVolumes());
      zvols = new ArrayList<>(s.zvols());
      luks = new ArrayList<>(s.luksDevices());
      drbd = new ArrayList<>(s.drbdResources());
      subsystems = new ArrayList<>(s.nvmeSubsystems());
      connections = new ArrayList<>(s.nvmeConnections());
    }

    NodeState build() {
      return new NodeState(
          name,
          sorted(vgs, VolumeGroup::name),
          thin,
          sorted(zpools, Zpool::name),
          sorted(lvs, l -> l.vg() + "/" + l.name()),
          sorted(zvols, Zvol::dataset),
          sorted(luks, LuksDevice::mapping),
          sorted(drbd, DrbdResource::name),
          sorted(subsystems, NvmeSubsystem::nqn),
          sorted(connections, NvmeConnection::nqn),
          before.hostNqn(),
          before.unobserved());
    }

    private static <T> List<T> sorted(List<T> l, Function<T, String> key) {
      List<T> c = new ArrayList<>(l);
      c.sort(Comparator.comparing(key));
      return c;
    }
  }
}
