package io.strata.executors.layer;

import io.strata.executors.host.Host;
import io.strata.planner.plan.Change;
import java.util.List;

/** Capability: the layer can take a snapshot of its object (Action SNAPSHOT). Idempotent. */
public interface Snapshotter {
  /** The commands {@link #snapshot} may run, in order, for plan previews (probes included). */
  List<Command> snapshotCommands(Change change);

  ApplyOutcome snapshot(Host host, Change change);
}
