package io.strata.executors.drbd;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.executors.layer.ApplyOutcome;
import io.strata.executors.layer.Command;
import io.strata.executors.layer.Exec;
import io.strata.executors.layer.ObservationException;
import io.strata.executors.layer.Snapshotter;
import io.strata.executors.layer.Updater;
import io.strata.planner.observed.DrbdResource;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import java.util.List;

/**
 * Suspends or resumes a DRBD resource's I/O on one node around a crash-consistent snapshot
 * (docs/decisions/022). Part of a snapshot group (Action SNAPSHOT), or alone as the heal of I/O an
 * interrupted run left suspended (Action UPDATE). A resume is idempotent: it first asks {@code
 * drbdsetup status} and does nothing when I/O is not suspended. A suspend is never retried: it
 * fails the group, and the group's resumes follow.
 */
public final class IoFence implements Snapshotter, Updater {

  @Override
  public List<Command> snapshotCommands(Change change) {
    return commands(change);
  }

  @Override
  public ApplyOutcome snapshot(Host host, Change change) {
    return apply(host, change);
  }

  @Override
  public List<Command> updateCommands(Change change) {
    return commands(change);
  }

  @Override
  public ApplyOutcome update(Host host, Change change) {
    return apply(host, change);
  }

  private static List<Command> commands(Change change) {
    ObjectSpec.DrbdIoFence f = (ObjectSpec.DrbdIoFence) change.spec();
    return f.suspend()
        ? List.of(DrbdCommands.suspendIo(f.resource()))
        : List.of(DrbdCommands.status(f.resource()), DrbdCommands.resumeIo(f.resource()));
  }

  private static ApplyOutcome apply(Host host, Change change) {
    ObjectSpec.DrbdIoFence f = (ObjectSpec.DrbdIoFence) change.spec();
    String res = f.resource();
    if (f.suspend()) {
      Result r = Exec.run(host, DrbdCommands.suspendIo(res));
      if (r.success()) {
        return ApplyOutcome.ok("I/O of " + res + " suspended");
      }
      return ApplyOutcome.terminal(
          "suspending I/O of "
              + res
              + ": `"
              + String.join(" ", r.argv())
              + "` exited "
              + r.exitCode()
              + " "
              + r.err().strip()
              + " (the snapshot group stops here; I/O is resumed)");
    }
    Result s = Exec.run(host, DrbdCommands.status(res));
    if (s.success()) {
      try {
        DrbdResource.Runtime rt = DrbdStatusParser.parse(s.out()).get(res);
        if (rt == null || !rt.suspendedUser()) {
          return ApplyOutcome.ok("I/O of " + res + " is not suspended");
        }
      } catch (ObservationException e) {
        // unreadable status: resume anyway, resume-io on a running resource is harmless
      }
    }
    Result r = Exec.run(host, DrbdCommands.resumeIo(res));
    return r.success()
        ? ApplyOutcome.ok("I/O of " + res + " resumed")
        : Exec.failure("resuming I/O of " + res + " (it stays frozen until resumed)", r);
  }
}
