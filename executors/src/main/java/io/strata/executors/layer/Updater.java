package io.strata.executors.layer;

import io.strata.executors.host.Host;
import io.strata.planner.plan.Change;
import java.util.List;

/** Capability: the layer can converge its object's configuration (Action UPDATE). Idempotent. */
public interface Updater {
  /** The commands {@link #update} may run, in order, for plan previews (probes included). */
  List<Command> updateCommands(Change change);

  ApplyOutcome update(Host host, Change change);
}
