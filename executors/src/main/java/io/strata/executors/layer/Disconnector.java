package io.strata.executors.layer;

import io.strata.executors.host.Host;
import io.strata.planner.plan.Change;
import java.util.List;

/** Capability: the layer can disconnect an initiator (Action DISCONNECT). Idempotent. */
public interface Disconnector {
  /** The commands {@link #disconnect} may run, in order, for plan previews (probes included). */
  List<Command> disconnectCommands(Change change);

  ApplyOutcome disconnect(Host host, Change change);
}
