package io.strata.executors.lvm;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.executors.layer.ApplyOutcome;
import io.strata.executors.layer.Command;
import io.strata.executors.layer.Creator;
import io.strata.executors.layer.Deleter;
import io.strata.executors.layer.Exec;
import io.strata.executors.layer.NodeInventory;
import io.strata.executors.layer.NodeStateBuilder;
import io.strata.executors.layer.Observer;
import io.strata.executors.layer.Resizer;
import io.strata.executors.layer.Snapshotter;
import io.strata.executors.layer.Updater;
import io.strata.executors.nvme.NvmeCommands;
import io.strata.executors.nvme.NvmeParser;
import io.strata.planner.observed.LogicalVolume;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.schema.model.Layer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * LVM (thick and thin LVs, snapshots) on one node. Every mutation is preceded by a probe of the VG
 * ({@code lvs}), so a retry after a crash is a no-op, and an LV without the {@code strata} tag is
 * never extended or removed (ARCHITECTURE.md §5).
 */
public final class LvmExecutor
    implements Observer, Creator, Resizer, Updater, Deleter, Snapshotter {

  @Override
  public void observe(Host host, NodeInventory inv, NodeStateBuilder into) {
    Set<String> wanted = new LinkedHashSet<>(inv.volumeGroups());
    inv.thinPools().forEach(tp -> wanted.add(tp.substring(0, Math.max(0, tp.indexOf('/')))));
    wanted.remove("");
    if (wanted.isEmpty()) {
      return;
    }
    ImportedNamespaces imported = inv.uses(Layer.NVME) ? imported(host) : ImportedNamespaces.NONE;
    // read as soon as the report is complete: LVM takes ~35 ms more to exit, checked later
    String report = Exec.document(host, LvmCommands.fullReport(imported), into);
    // the declared VGs, with their LVs and thin pools; a declared VG LVM does not see is left out,
    // so the planner sees it missing (as when vgs and lvs were asked about it by name). Every row
    // is parsed, the others' too: an answer garbled anywhere is not trusted.
    LvmParser.FullReport r = LvmParser.fullReport(report);
    r.vgs().stream()
        .filter(vg -> wanted.contains(vg.name()) && r.pvsByVg().containsKey(vg.name()))
        .forEach(into.volumeGroups::add);
    r.lvs().volumes().stream()
        .filter(lv -> wanted.contains(lv.vg()) && r.pvsByVg().containsKey(lv.vg()))
        .forEach(into.logicalVolumes::add);
    r.lvs().thinPools().stream()
        .filter(tp -> wanted.contains(tp.vg()) && r.pvsByVg().containsKey(tp.vg()))
        .forEach(into.thinPools::add);
  }

  /** Which NVMe namespaces on the node are Strata's imports, so discovery never reads them. */
  private static ImportedNamespaces imported(Host host) {
    Result r = Exec.run(host, NvmeCommands.listSubsys());
    if (!r.success()) {
      if (NvmeParser.noTopology(r)) {
        return ImportedNamespaces.NONE; // no NVMe at all: nothing imported
      }
      throw Exec.observeFailed(host.name(), r);
    }
    Boolean multipath =
        host.readFile(Path.of(MULTIPATH))
            .map(b -> new String(b, StandardCharsets.US_ASCII).strip())
            .map(v -> v.equals("Y") ? Boolean.TRUE : v.equals("N") ? Boolean.FALSE : null)
            .orElse(null);
    return ImportedNamespaces.fromListSubsys(r.out(), multipath);
  }

  private static final String MULTIPATH = "/sys/module/nvme_core/parameters/multipath";

  // ---- create

  @Override
  public List<Command> createCommands(Change change) {
    ObjectSpec.Lv lv = lv(change.spec());
    return List.of(probe(lv), createCommand(lv));
  }

  private static Command createCommand(ObjectSpec.Lv lv) {
    return lv.thinPool() == null
        ? LvmCommands.createThick(
            lv.physicalVolumes(),
            lv.vg(),
            lv.name(),
            lv.sizeBytes(),
            lv.deleteMarker(),
            lv.initMarker())
        : LvmCommands.createThin(
            lv.physicalVolumes(),
            lv.vg(),
            lv.thinPool(),
            lv.name(),
            lv.sizeBytes(),
            lv.deleteMarker(),
            lv.initMarker());
  }

  @Override
  public ApplyOutcome create(Host host, Change change) {
    ObjectSpec.Lv lv = lv(change.spec());
    Probe p = probe(host, lv.physicalVolumes(), lv.vg(), lv.name());
    if (p.failure() != null) {
      return p.failure();
    }
    if (p.lv().isPresent()) {
      LogicalVolume found = p.lv().get();
      if (!found.owned()) {
        return notOwned(found);
      }
      if (found.size() >= lv.sizeBytes()) {
        return ApplyOutcome.ok(lv.vg() + "/" + lv.name() + " already exists");
      }
      return ApplyOutcome.terminal(
          lv.vg()
              + "/"
              + lv.name()
              + " already exists with "
              + found.size()
              + " bytes, smaller than the "
              + lv.sizeBytes()
              + " to create; plan a resize instead");
    }
    Result r = Exec.run(host, createCommand(lv));
    if (r.success()) {
      return ApplyOutcome.ok("created " + lv.vg() + "/" + lv.name());
    }
    if (r.err().contains("already exists")) {
      // Seen on a real kernel (lab): the SSH channel of an earlier attempt was lost while its
      // lvcreate kept running on the node; the retry's probe ran before that lvcreate committed,
      // and this one then lost the race. The LV our own command made is the one wanted.
      Probe again = probe(host, lv.physicalVolumes(), lv.vg(), lv.name());
      if (again.failure() == null
          && again.lv().isPresent()
          && again.lv().get().owned()
          && again.lv().get().size() >= lv.sizeBytes()) {
        return ApplyOutcome.ok(
            lv.vg() + "/" + lv.name() + " already exists (made by an earlier attempt)");
      }
    }
    return Exec.failure("creating LV " + lv.vg() + "/" + lv.name(), r);
  }

  // ---- resize

  @Override
  public List<Command> resizeCommands(Change change) {
    ObjectSpec.Lv lv = lv(change.spec());
    return List.of(
        probe(lv), LvmCommands.extend(lv.physicalVolumes(), lv.vg(), lv.name(), lv.sizeBytes()));
  }

  @Override
  public ApplyOutcome resize(Host host, Change change) {
    ObjectSpec.Lv lv = lv(change.spec());
    Probe p = probe(host, lv.physicalVolumes(), lv.vg(), lv.name());
    if (p.failure() != null) {
      return p.failure();
    }
    if (p.lv().isEmpty()) {
      return ApplyOutcome.terminal(
          "cannot grow "
              + lv.vg()
              + "/"
              + lv.name()
              + ": it does not exist (observe again and"
              + " re-plan)");
    }
    LogicalVolume found = p.lv().get();
    if (!found.owned()) {
      return notOwned(found);
    }
    if (found.size() >= lv.sizeBytes()) {
      // lvextend's rc 5 "matches existing size" is ambiguous, so decide from the probe
      return ApplyOutcome.ok(lv.vg() + "/" + lv.name() + " already has " + found.size() + " bytes");
    }
    Result r =
        Exec.run(
            host, LvmCommands.extend(lv.physicalVolumes(), lv.vg(), lv.name(), lv.sizeBytes()));
    return r.success()
        ? ApplyOutcome.ok("extended " + lv.vg() + "/" + lv.name())
        : Exec.failure("extending LV " + lv.vg() + "/" + lv.name(), r);
  }

  // ---- update: the markers of an LV (docs/decisions/001, 005) or a snapshot LV's delete marker,
  // or the activation of an inactive LV (after a reboot, docs/decisions/014)

  @Override
  public List<Command> updateCommands(Change change) {
    if (change.spec() instanceof ObjectSpec.LvActivation a) {
      ObjectSpec.Lv lv = a.lv();
      return List.of(probe(lv), LvmCommands.activate(lv.physicalVolumes(), lv.vg(), lv.name()));
    }
    Target t = target(change.spec());
    return List.of(LvmCommands.lvs(t.pvs(), List.of(t.vg())), t.markerCommand());
  }

  @Override
  public ApplyOutcome update(Host host, Change change) {
    if (change.spec() instanceof ObjectSpec.LvActivation a) {
      return activate(host, a.lv());
    }
    Target t = target(change.spec());
    Probe p = probe(host, t.pvs(), t.vg(), t.name());
    if (p.failure() != null) {
      return p.failure();
    }
    if (p.lv().isEmpty()) {
      return ApplyOutcome.terminal(
          "cannot update "
              + t.vg()
              + "/"
              + t.name()
              + ": it does not exist (observe again and re-plan)");
    }
    LogicalVolume found = p.lv().get();
    if (!found.owned()) {
      return notOwned(found);
    }
    String what = "markers " + t.describe();
    if (t.matches(found)) {
      return ApplyOutcome.ok(t.vg() + "/" + t.name() + ": already " + what);
    }
    Result r = Exec.run(host, t.markerCommand());
    return r.success()
        ? ApplyOutcome.ok(t.vg() + "/" + t.name() + ": " + what)
        : Exec.failure("changing the tags of LV " + t.vg() + "/" + t.name(), r);
  }

  /** Activates an existing LV of Strata's; the probe makes a retry (or a second run) a no-op. */
  private static ApplyOutcome activate(Host host, ObjectSpec.Lv lv) {
    Probe p = probe(host, lv.physicalVolumes(), lv.vg(), lv.name());
    if (p.failure() != null) {
      return p.failure();
    }
    if (p.lv().isEmpty()) {
      return ApplyOutcome.terminal(
          "cannot activate "
              + lv.vg()
              + "/"
              + lv.name()
              + ": it does not exist (observe again and re-plan)");
    }
    LogicalVolume found = p.lv().get();
    if (!found.owned()) {
      return notOwned(found);
    }
    if (found.active()) {
      return ApplyOutcome.ok(lv.vg() + "/" + lv.name() + " is already active");
    }
    Result r = Exec.run(host, LvmCommands.activate(lv.physicalVolumes(), lv.vg(), lv.name()));
    return r.success()
        ? ApplyOutcome.ok("activated " + lv.vg() + "/" + lv.name())
        : Exec.failure("activating LV " + lv.vg() + "/" + lv.name(), r);
  }

  // ---- delete (an LV or a snapshot LV)

  @Override
  public List<Command> deleteCommands(Change change) {
    Target t = target(change.spec());
    return List.of(
        LvmCommands.lvs(t.pvs(), List.of(t.vg())), LvmCommands.remove(t.pvs(), t.vg(), t.name()));
  }

  @Override
  public ApplyOutcome delete(Host host, Change change) {
    Target t = target(change.spec());
    Probe p = probe(host, t.pvs(), t.vg(), t.name());
    if (p.failure() != null) {
      return p.failure();
    }
    if (p.lv().isEmpty()) {
      return ApplyOutcome.ok(t.vg() + "/" + t.name() + " is already gone");
    }
    if (!p.lv().get().owned()) {
      return notOwned(p.lv().get());
    }
    Result r = Exec.run(host, LvmCommands.remove(t.pvs(), t.vg(), t.name()));
    return r.success()
        ? ApplyOutcome.ok("removed " + t.vg() + "/" + t.name())
        : Exec.failure("removing LV " + t.vg() + "/" + t.name(), r);
  }

  // ---- snapshot

  @Override
  public List<Command> snapshotCommands(Change change) {
    ObjectSpec.StorageSnapshot s = (ObjectSpec.StorageSnapshot) change.spec();
    ObjectSpec.Lv origin = lv(s.origin());
    return List.of(probe(origin), snapshotCommand(origin, s));
  }

  private static Command snapshotCommand(ObjectSpec.Lv o, ObjectSpec.StorageSnapshot s) {
    return o.thinPool() == null
        ? LvmCommands.snapshotThick(
            o.physicalVolumes(),
            o.vg(),
            o.name(),
            s.name(),
            o.sizeBytes(),
            s.deleteMarker(),
            s.scheduled())
        : LvmCommands.snapshotThin(
            o.physicalVolumes(), o.vg(), o.name(), s.name(), s.deleteMarker(), s.scheduled());
  }

  @Override
  public ApplyOutcome snapshot(Host host, Change change) {
    ObjectSpec.StorageSnapshot s = (ObjectSpec.StorageSnapshot) change.spec();
    ObjectSpec.Lv o = lv(s.origin());
    Result r = Exec.run(host, probe(o));
    if (!r.success()) {
      return Exec.failure("probing VG " + o.vg(), r);
    }
    List<LogicalVolume> all = LvmParser.logicalVolumes(r.out()).volumes();
    Optional<LogicalVolume> snap = find(all, o.vg(), s.name());
    if (snap.isPresent()) {
      LogicalVolume found = snap.get();
      return found.owned() && o.name().equals(found.origin())
          ? ApplyOutcome.ok("snapshot " + o.vg() + "/" + s.name() + " already exists")
          : ApplyOutcome.terminal(
              o.vg()
                  + "/"
                  + s.name()
                  + " exists but is not a Strata snapshot of "
                  + o.name()
                  + "; rename or remove it by hand");
    }
    if (find(all, o.vg(), o.name()).isEmpty()) {
      return ApplyOutcome.terminal(
          "cannot snapshot " + o.vg() + "/" + o.name() + ": the origin LV does not exist");
    }
    return Exec.snapshot(
        host,
        snapshotCommand(o, s),
        s.boundMillis(),
        "snapshot " + o.vg() + "/" + s.name() + " of " + o.name());
  }

  // ---- helpers

  /** The LV a change works on; {@code snapshot} LVs carry only the delete marker. */
  private record Target(
      List<String> pvs,
      String vg,
      String name,
      boolean deleteMarker,
      boolean initMarker,
      boolean snapshot) {
    Command markerCommand() {
      return snapshot
          ? LvmCommands.deleteMarker(pvs, vg, name, deleteMarker)
          : LvmCommands.markers(pvs, vg, name, deleteMarker, initMarker);
    }

    boolean matches(LogicalVolume found) {
      return found.tags().contains(LvmCommands.DELETE_TAG) == deleteMarker
          && (snapshot || found.initMarker() == initMarker);
    }

    String describe() {
      String delete = (deleteMarker ? "+" : "-") + LvmCommands.DELETE_TAG;
      return snapshot ? delete : delete + " " + (initMarker ? "+" : "-") + LvmCommands.INIT_TAG;
    }
  }

  private static Target target(ObjectSpec spec) {
    if (spec instanceof ObjectSpec.StorageSnapshot s) {
      ObjectSpec.Lv o = lv(s.origin());
      return new Target(o.physicalVolumes(), o.vg(), s.name(), s.deleteMarker(), false, true);
    }
    ObjectSpec.Lv lv = lv(spec);
    return new Target(
        lv.physicalVolumes(), lv.vg(), lv.name(), lv.deleteMarker(), lv.initMarker(), false);
  }

  private record Probe(Optional<LogicalVolume> lv, ApplyOutcome failure) {}

  private static Command probe(ObjectSpec.Lv lv) {
    return LvmCommands.lvs(lv.physicalVolumes(), List.of(lv.vg()));
  }

  /** Queries the whole VG (a single-LV query exits 5 for "missing", cookbook §1.3). */
  private static Probe probe(Host host, List<String> pvs, String vg, String name) {
    Result r = Exec.run(host, LvmCommands.lvs(pvs, List.of(vg)));
    if (!r.success()) {
      return new Probe(Optional.empty(), Exec.failure("probing volume group " + vg, r));
    }
    return new Probe(find(LvmParser.logicalVolumes(r.out()).volumes(), vg, name), null);
  }

  private static Optional<LogicalVolume> find(List<LogicalVolume> lvs, String vg, String name) {
    return lvs.stream().filter(l -> l.vg().equals(vg) && l.name().equals(name)).findFirst();
  }

  private static ApplyOutcome notOwned(LogicalVolume lv) {
    return ApplyOutcome.terminal(
        lv.vg()
            + "/"
            + lv.name()
            + " exists but does not carry the tag '"
            + LvmCommands.OWNER_TAG
            + "' (tags: "
            + new ArrayList<>(lv.tags())
            + "); Strata never touches LVs it did not"
            + " create — rename or remove it by hand, or choose another volume name");
  }

  static ObjectSpec.Lv lv(ObjectSpec spec) {
    if (spec instanceof ObjectSpec.Lv lv) {
      return lv;
    }
    throw new IllegalArgumentException("the LVM executor got a " + spec.getClass().getSimpleName());
  }
}
