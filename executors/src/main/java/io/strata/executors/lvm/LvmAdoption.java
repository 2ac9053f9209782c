package io.strata.executors.lvm;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.executors.layer.ApplyOutcome;
import io.strata.executors.layer.Command;
import io.strata.executors.layer.Exec;
import io.strata.executors.layer.ObservationException;
import io.strata.executors.layer.Updater;
import io.strata.planner.observed.LogicalVolume;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Adopts an existing LV ({@code Volume.spec.adopt}, docs/decisions/022): probes it, refuses when it
 * is gone or its size or thin pool is no longer what the plan saw, and otherwise only adds Strata's
 * tags. Idempotent: an LV that already carries the owner tag is done.
 */
public final class LvmAdoption implements Updater {
  @Override
  public List<Command> updateCommands(Change change) {
    ObjectSpec.Lv lv = lv(change);
    return List.of(
        LvmCommands.lvs(lv.physicalVolumes(), List.of(lv.vg())),
        LvmCommands.adopt(lv.physicalVolumes(), lv.vg(), lv.name(), lv.deleteMarker()));
  }

  @Override
  public ApplyOutcome update(Host host, Change change) {
    ObjectSpec.Lv lv = lv(change);
    String name = lv.vg() + "/" + lv.name();
    Result r = Exec.run(host, LvmCommands.lvs(lv.physicalVolumes(), List.of(lv.vg())));
    if (!r.success()) {
      return Exec.failure("probing VG " + lv.vg(), r);
    }
    Optional<LogicalVolume> found;
    try {
      found =
          LvmParser.logicalVolumes(r.out()).volumes().stream()
              .filter(x -> x.vg().equals(lv.vg()) && x.name().equals(lv.name()))
              .findFirst();
    } catch (ObservationException e) {
      return ApplyOutcome.terminal("probing VG " + lv.vg() + ": " + e.getMessage());
    }
    if (found.isEmpty()) {
      return ApplyOutcome.terminal("cannot adopt " + name + ": it no longer exists");
    }
    LogicalVolume o = found.get();
    if (o.owned()) {
      return ApplyOutcome.ok(name + " is already Strata's");
    }
    if (o.size() != lv.sizeBytes() || !Objects.equals(o.thinPool(), lv.thinPool())) {
      return ApplyOutcome.terminal(
          "cannot adopt "
              + name
              + ": it changed since the plan (now "
              + o.size()
              + " bytes"
              + (o.thinPool() == null ? "" : " in thin pool " + o.thinPool())
              + "); plan again");
    }
    Result t =
        Exec.run(
            host, LvmCommands.adopt(lv.physicalVolumes(), lv.vg(), lv.name(), lv.deleteMarker()));
    return t.success()
        ? ApplyOutcome.ok("adopted " + name)
        : Exec.failure("tagging " + name + " as Strata's", t);
  }

  private static ObjectSpec.Lv lv(Change change) {
    return (ObjectSpec.Lv) ((ObjectSpec.Adoption) change.spec()).storage();
  }
}
