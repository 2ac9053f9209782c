package io.strata.executors.layer;

import io.strata.executors.host.Host;
import io.strata.planner.plan.Change;
import java.util.List;

/** Capability: the layer can create its object (Action CREATE). Idempotent. */
public interface Creator {
  /** The commands {@link #create} may run, in order, for plan previews (probes included). */
  List<Command> createCommands(Change change);

  ApplyOutcome create(Host host, Change change);
}
