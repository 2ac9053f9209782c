package io.strata.executors.layer;

import io.strata.executors.host.Host;
import io.strata.planner.plan.Change;
import java.util.List;

/** Capability: the layer can grow its object (never shrink) (Action RESIZE). Idempotent. */
public interface Resizer {
  /** The commands {@link #resize} may run, in order, for plan previews (probes included). */
  List<Command> resizeCommands(Change change);

  ApplyOutcome resize(Host host, Change change);
}
