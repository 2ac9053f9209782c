package io.strata.executors.zfs;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.executors.layer.ApplyOutcome;
import io.strata.executors.layer.Command;
import io.strata.executors.layer.Creator;
import io.strata.executors.layer.Exec;
import io.strata.executors.layer.ObservationException;
import io.strata.planner.observed.Zvol;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates a volume's zvol as a {@code zfs clone} of another volume's snapshot ({@code
 * Volume.spec.source}, docs/decisions/027); for a clone of a volume, the snapshot the plan names is
 * taken first (owned, with the delete marker: it goes once no clone needs it). Idempotent: an owned
 * zvol is done, an existing snapshot is not taken again.
 */
public final class ZfsClone implements Creator {
  @Override
  public List<Command> createCommands(Change change) {
    ObjectSpec.StorageClone c = (ObjectSpec.StorageClone) change.spec();
    ObjectSpec.Zvol t = (ObjectSpec.Zvol) c.target();
    List<Command> out = new ArrayList<>();
    out.add(ZfsCommands.get(t.dataset()));
    if (c.takeSnapshot()) {
      out.add(ZfsCommands.get(snapshot(c)));
      out.add(ZfsCommands.snapshot(source(c).dataset(), c.sourceSnapshot(), true));
    }
    out.add(clone(c, t));
    return out;
  }

  @Override
  public ApplyOutcome create(Host host, Change change) {
    ObjectSpec.StorageClone c = (ObjectSpec.StorageClone) change.spec();
    ObjectSpec.Zvol t = (ObjectSpec.Zvol) c.target();
    ZfsExecutor.Probe p =
        ZfsExecutor.settled(host, t.dataset(), ZfsExecutor.probe(host, t.dataset()));
    if (p.failure() != null) {
      return p.failure();
    }
    Optional<Zvol> found = p.zvol();
    if (found.isPresent()) {
      return found.get().owned()
          ? ApplyOutcome.ok(t.dataset() + " already exists")
          : ApplyOutcome.terminal(
              t.dataset() + " exists but is not Strata's; it is never overwritten");
    }
    if (c.takeSnapshot()) {
      Optional<Zvol> snap;
      try {
        snap = probe(host, snapshot(c));
      } catch (Failed f) {
        return f.outcome;
      }
      if (snap.isEmpty()) {
        Result s =
            Exec.run(host, ZfsCommands.snapshot(source(c).dataset(), c.sourceSnapshot(), true));
        if (!s.success()) {
          return Exec.failure("taking " + snapshot(c), s);
        }
      }
    }
    Result r = Exec.run(host, clone(c, t));
    if (r.success()) {
      return ApplyOutcome.ok("cloned " + snapshot(c) + " to " + t.dataset());
    }
    if (r.err().contains("already exists")) {
      // an earlier attempt's zfs clone, still running when its SSH channel was lost, made it
      ZfsExecutor.Probe again =
          ZfsExecutor.settled(host, t.dataset(), ZfsExecutor.probe(host, t.dataset()));
      if (again.failure() == null && again.zvol().isPresent() && again.zvol().get().owned()) {
        return ApplyOutcome.ok(t.dataset() + " already exists (made by an earlier attempt)");
      }
    }
    return Exec.failure("cloning " + snapshot(c) + " to " + t.dataset(), r);
  }

  private static Command clone(ObjectSpec.StorageClone c, ObjectSpec.Zvol t) {
    return ZfsCommands.cloneOf(snapshot(c), t.dataset(), t.sparse(), t.deleteMarker(), c.marker());
  }

  private static ObjectSpec.Zvol source(ObjectSpec.StorageClone c) {
    return (ObjectSpec.Zvol) c.source();
  }

  private static String snapshot(ObjectSpec.StorageClone c) {
    return source(c).dataset() + "@" + c.sourceSnapshot();
  }

  private static final class Failed extends Exception {
    final transient ApplyOutcome outcome;

    Failed(ApplyOutcome outcome) {
      super(null, null, false, false);
      this.outcome = outcome;
    }
  }

  private static Optional<Zvol> probe(Host host, String dataset) throws Failed {
    Result r = Exec.run(host, ZfsCommands.get(dataset));
    if (!r.success()) {
      if (r.exitCode() == 1 && r.err().contains("does not exist")) {
        return Optional.empty();
      }
      throw new Failed(Exec.failure("probing " + dataset, r));
    }
    try {
      return ZfsParser.zvols(r.out(), ZfsCommands.COLUMNS).stream().findFirst();
    } catch (ObservationException e) {
      throw new Failed(ApplyOutcome.terminal("probing " + dataset + ": " + e.getMessage()));
    }
  }
}
