package io.strata.executors.drbd;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.executors.layer.ApplyOutcome;
import io.strata.executors.layer.Blkid;
import io.strata.executors.layer.Command;
import io.strata.executors.layer.Exec;
import io.strata.planner.observed.DrbdConfig;
import io.strata.planner.observed.DrbdResource;
import io.strata.planner.plan.ObjectSpec;
import java.util.List;

/**
 * The two guarded steps of bringing a replica up: metadata (created only on a fresh device that
 * probes empty) and the initial sync (only while nothing is in sync yet).
 */
final class BringUp {
  private BringUp() {}

  /** Null when metadata exists or was created; otherwise why not (cookbook §4.2 decision rule). */
  static ApplyOutcome ensureMetadata(Host host, ObjectSpec.Drbd d, String disk) {
    DrbdConfig c = d.config();
    Result gi = Exec.run(host, DrbdCommands.getGi(c.minor(), disk));
    if (gi.exitCode() == 0) {
      return null; // metadata present: adjust attaches it
    }
    if (gi.exitCode() == 20) {
      return ApplyOutcome.transientFailure(
          "backing device "
              + disk
              + " of "
              + c.resource()
              + " cannot be opened (drbdmeta rc 20);"
              + " it may not have appeared yet");
    }
    if (gi.exitCode() != 1 && gi.exitCode() != 255) {
      return Exec.failure("probing DRBD metadata on " + disk, gi);
    }
    if (!d.freshBacking()) {
      return ApplyOutcome.terminal(
          disk
              + " has no DRBD metadata and was not created by this plan; Strata creates metadata"
              + " only on fresh devices. Check the device by hand (it may hold data), then wipe"
              + " it or create the metadata yourself");
    }
    Blkid.Content content = Blkid.parse(Exec.run(host, DrbdCommands.blkid(disk)));
    if (content.failed() || !(content.empty() || content.type().equals("drbd"))) {
      return ApplyOutcome.terminal(
          "would format a device holding data: "
              + disk
              + " probes as "
              + content.describe()
              + "; refusing create-md. Wipe it by hand if its content is really unwanted");
    }
    Result md = Exec.run(host, DrbdCommands.createMd(c.resource(), DrbdCommands.maxPeers(c)));
    return md.success() ? null : Exec.failure("creating DRBD metadata on " + disk, md);
  }

  /**
   * Runs the plan's initial-sync choice, but only while this node is Inconsistent and no peer is
   * UpToDate: a retry after the sync started must not force a second primary.
   */
  static ApplyOutcome initialSync(Host host, ObjectSpec.Drbd d) {
    String res = d.config().resource();
    if (d.initialSync() == ObjectSpec.Drbd.InitialSync.NONE) {
      return ApplyOutcome.ok(res + " is up");
    }
    Result st = Exec.run(host, DrbdCommands.status(res));
    if (!st.success()) {
      return Exec.failure("reading the state of " + res, st);
    }
    DrbdResource.Runtime rt = DrbdStatusParser.parse(st.out()).get(res);
    if (rt == null) {
      return ApplyOutcome.transientFailure(res + " is not up yet after adjust");
    }
    boolean peerUpToDate = rt.peers().stream().anyMatch(p -> p.peerDiskState().equals("UpToDate"));
    if (!rt.diskState().equals("Inconsistent") || peerUpToDate) {
      return ApplyOutcome.ok(res + " is up; initial sync already done (" + rt.diskState() + ")");
    }
    if (d.initialSync() == ObjectSpec.Drbd.InitialSync.CLEAR_BITMAP) {
      List<String> waiting = notYetConnected(d, rt);
      if (!waiting.isEmpty()) {
        // skipping the sync is only sound while every diskful replica takes part in it
        return ApplyOutcome.transientFailure(
            res
                + ": waiting for diskful peers "
                + waiting
                + " to connect before skipping the"
                + " initial sync");
      }
    }
    List<Command> steps =
        d.initialSync() == ObjectSpec.Drbd.InitialSync.FORCE_PRIMARY
            ? List.of(DrbdCommands.primaryForce(res), DrbdCommands.secondary(res))
            : List.of(DrbdCommands.newCurrentUuidClearBitmap(res));
    for (Command c : steps) {
      Result r = Exec.run(host, c);
      if (!r.success()) {
        return Exec.failure("initial sync of " + res, r);
      }
    }
    return ApplyOutcome.ok(res + " is up; initial sync started (" + d.initialSync() + ")");
  }

  /** Diskful peers (by node name) that are not Connected yet. */
  static List<String> notYetConnected(ObjectSpec.Drbd d, DrbdResource.Runtime rt) {
    return d.config().hosts().stream()
        .filter(h -> !h.diskless() && !h.node().equals(d.node()))
        .map(DrbdConfig.Host::node)
        .filter(
            n ->
                rt.peers().stream()
                    .noneMatch(p -> p.name().equals(n) && p.connectionState().equals("Connected")))
        .sorted()
        .toList();
  }
}
