package io.strata.executors.layer;

import io.strata.executors.host.Host;
import io.strata.planner.plan.Change;
import java.util.List;

/** Capability: the layer can connect an initiator (Action CONNECT). Idempotent. */
public interface Connector {
  /** The commands {@link #connect} may run, in order, for plan previews (probes included). */
  List<Command> connectCommands(Change change);

  ApplyOutcome connect(Host host, Change change);
}
