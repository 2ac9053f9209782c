package io.strata.executors.lvm;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.executors.layer.ApplyOutcome;
import io.strata.executors.layer.Command;
import io.strata.executors.layer.Creator;
import io.strata.executors.layer.Exec;
import io.strata.executors.layer.ObservationException;
import io.strata.executors.run.CopyProgressScope;
import io.strata.planner.observed.LogicalVolume;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.ObjectSpec.StorageClone.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates a volume's LV from another volume's LV or snapshot ({@code Volume.spec.source},
 * docs/decisions/027): a thin snapshot for thin LVM, a new thick LV and a {@code dd} of every block
 * for thick LVM. Idempotent: an owned LV without the initialization marker is done; one that still
 * carries it is a copy that was interrupted, and is copied again (it holds no data of the user).
 */
public final class LvmClone implements Creator {
  /** A block copy may take long: at least this rate is assumed for its timeout. */
  static final long MIN_COPY_BYTES_PER_SECOND = 20L << 20;

  @Override
  public List<Command> createCommands(Change change) {
    ObjectSpec.StorageClone c = (ObjectSpec.StorageClone) change.spec();
    ObjectSpec.Lv t = (ObjectSpec.Lv) c.target();
    List<Command> out = new ArrayList<>();
    out.add(LvmCommands.lvs(t.physicalVolumes(), List.of(t.vg())));
    if (c.method() == Method.THIN_SNAPSHOT) {
      out.add(cloneThin(c, t));
    } else {
      out.add(
          LvmCommands.createCopyTarget(
              t.physicalVolumes(), t.vg(), t.name(), t.sizeBytes(), t.deleteMarker(), c.marker()));
      out.add(LvmCommands.copy(sourceDevice(c), t.devicePath()));
      out.add(LvmCommands.markers(t.physicalVolumes(), t.vg(), t.name(), t.deleteMarker(), false));
    }
    return out;
  }

  @Override
  public ApplyOutcome create(Host host, Change change) {
    ObjectSpec.StorageClone c = (ObjectSpec.StorageClone) change.spec();
    ObjectSpec.Lv t = (ObjectSpec.Lv) c.target();
    String name = t.vg() + "/" + t.name();
    Result r = Exec.run(host, LvmCommands.lvs(t.physicalVolumes(), List.of(t.vg())));
    if (!r.success()) {
      return Exec.failure("probing volume group " + t.vg(), r);
    }
    Optional<LogicalVolume> found;
    try {
      found =
          LvmParser.logicalVolumes(r.out()).volumes().stream()
              .filter(l -> l.vg().equals(t.vg()) && l.name().equals(t.name()))
              .findFirst();
    } catch (ObservationException e) {
      return ApplyOutcome.terminal("probing volume group " + t.vg() + ": " + e.getMessage());
    }
    if (found.isPresent() && !found.get().owned()) {
      return ApplyOutcome.terminal(name + " exists but is not Strata's; it is never overwritten");
    }
    if (found.isPresent() && !found.get().initMarker()) {
      return ApplyOutcome.ok(name + " already exists");
    }
    if (c.method() == Method.THIN_SNAPSHOT) {
      Result s = Exec.run(host, cloneThin(c, t));
      return s.success()
          ? ApplyOutcome.ok("created " + name + " from " + c.marker())
          : Exec.failure("creating " + name + " from " + c.marker(), s);
    }
    if (found.isEmpty()) {
      Result s =
          Exec.run(
              host,
              LvmCommands.createCopyTarget(
                  t.physicalVolumes(),
                  t.vg(),
                  t.name(),
                  t.sizeBytes(),
                  t.deleteMarker(),
                  c.marker()));
      if (!s.success()) {
        return Exec.failure("creating LV " + name, s);
      }
    }
    long seconds = Math.max(Exec.TIMEOUT.toSeconds(), c.copyBytes() / MIN_COPY_BYTES_PER_SECOND);
    Command copy = LvmCommands.copy(sourceDevice(c), t.devicePath());
    Result d =
        host.run(
            copy.argv(),
            copy.stdin(),
            Duration.ofSeconds(seconds),
            new CopyMonitor(c.copyBytes(), CopyProgressScope.current()));
    if (!d.success()) {
      return Exec.failure("copying " + sourceDevice(c) + " onto " + name, d);
    }
    Result m =
        Exec.run(
            host,
            LvmCommands.markers(t.physicalVolumes(), t.vg(), t.name(), t.deleteMarker(), false));
    return m.success()
        ? ApplyOutcome.ok("copied " + c.copyBytes() + " bytes of " + c.marker() + " to " + name)
        : Exec.failure("clearing the initialization marker of " + name, m);
  }

  private static Command cloneThin(ObjectSpec.StorageClone c, ObjectSpec.Lv t) {
    ObjectSpec.Lv s = (ObjectSpec.Lv) c.source();
    String from = c.sourceSnapshot() != null ? c.sourceSnapshot() : s.name();
    return LvmCommands.cloneThin(
        t.physicalVolumes(), s.vg(), from, t.name(), t.deleteMarker(), c.marker());
  }

  /** The source LV's device, or its (thick COW) snapshot's. */
  private static String sourceDevice(ObjectSpec.StorageClone c) {
    ObjectSpec.Lv s = (ObjectSpec.Lv) c.source();
    return c.sourceSnapshot() != null
        ? io.strata.planner.observed.DevicePaths.lv(s.vg(), c.sourceSnapshot())
        : s.devicePath();
  }
}
