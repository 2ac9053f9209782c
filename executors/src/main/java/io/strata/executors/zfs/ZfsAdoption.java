package io.strata.executors.zfs;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.executors.layer.ApplyOutcome;
import io.strata.executors.layer.Command;
import io.strata.executors.layer.Exec;
import io.strata.executors.layer.ObservationException;
import io.strata.executors.layer.Updater;
import io.strata.planner.observed.Zvol;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import java.util.List;
import java.util.Optional;

/**
 * Adopts an existing zvol ({@code Volume.spec.adopt}, docs/decisions/022): probes it, refuses when
 * it is gone or its volsize is no longer what the plan saw, and otherwise only sets {@code
 * strata:owner}. Idempotent: an owned zvol is done.
 */
public final class ZfsAdoption implements Updater {
  @Override
  public List<Command> updateCommands(Change change) {
    ObjectSpec.Zvol z = zvol(change);
    return List.of(
        ZfsCommands.get(z.dataset()), ZfsCommands.setOwner(z.dataset(), z.deleteMarker()));
  }

  @Override
  public ApplyOutcome update(Host host, Change change) {
    ObjectSpec.Zvol z = zvol(change);
    String ds = z.dataset();
    Result r = Exec.run(host, ZfsCommands.get(ds));
    if (!r.success()) {
      return r.exitCode() == 1 && r.err().contains("does not exist")
          ? ApplyOutcome.terminal("cannot adopt " + ds + ": it no longer exists")
          : Exec.failure("probing " + ds, r);
    }
    Optional<Zvol> found;
    try {
      found = ZfsParser.zvols(r.out(), ZfsCommands.COLUMNS).stream().findFirst();
    } catch (ObservationException e) {
      return ApplyOutcome.terminal("probing " + ds + ": " + e.getMessage());
    }
    if (found.isEmpty()) {
      return ApplyOutcome.terminal("cannot adopt " + ds + ": it is not a zvol");
    }
    if (found.get().owned()) {
      return ApplyOutcome.ok(ds + " is already Strata's");
    }
    if (found.get().volsize() != z.sizeBytes()) {
      return ApplyOutcome.terminal(
          "cannot adopt "
              + ds
              + ": it changed since the plan (volsize now "
              + found.get().volsize()
              + "); plan again");
    }
    Result t = Exec.run(host, ZfsCommands.setOwner(ds, z.deleteMarker()));
    return t.success()
        ? ApplyOutcome.ok("adopted " + ds)
        : Exec.failure("setting strata:owner on " + ds, t);
  }

  private static ObjectSpec.Zvol zvol(Change change) {
    return (ObjectSpec.Zvol) ((ObjectSpec.Adoption) change.spec()).storage();
  }
}
