package io.strata.executors.layer;

import io.strata.executors.host.Host;
import io.strata.planner.plan.Change;
import java.util.List;

/** Capability: the layer can delete an object it owns (Action DELETE). Idempotent. */
public interface Deleter {
  /** The commands {@link #delete} may run, in order, for plan previews (probes included). */
  List<Command> deleteCommands(Change change);

  ApplyOutcome delete(Host host, Change change);
}
