package io.strata.reconciler.engine;

import io.strata.executors.host.HostUnreachableException;
import io.strata.executors.layer.ApplyOutcome;
import io.strata.executors.run.ChangeApplier;
import io.strata.executors.stack.LayerExecutors;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import java.util.List;

/**
 * Applies one Change on its node through the layer executors. On a simulated cluster, a delete the
 * planner approved is announced to the data ledger first, so that only unplanned destruction counts
 * as data loss.
 */
final class NodeChangeApplier implements ChangeApplier {
  private final Nodes nodes;
  private final LayerExecutors executors;

  NodeChangeApplier(Nodes nodes, LayerExecutors executors) {
    this.nodes = nodes;
    this.executors = executors;
  }

  @Override
  public ApplyOutcome apply(Change change) {
    try {
      if (change.action() == Action.DELETE && nodes.simulated()) {
        for (String device : devices(change.spec())) {
          nodes.simulation().authorizeDestruction(change.node(), device);
        }
      }
      return executors.apply(nodes.host(change.node()), change);
    } catch (HostUnreachableException e) {
      return ApplyOutcome.terminal(e.getMessage());
    }
  }

  private static List<String> devices(ObjectSpec spec) {
    if (spec instanceof ObjectSpec.Lv lv) {
      return List.of(lv.devicePath());
    }
    if (spec instanceof ObjectSpec.Zvol z) {
      return List.of(z.devicePath());
    }
    if (spec instanceof ObjectSpec.Luks l) {
      return List.of(l.devicePath(), l.backingDevice());
    }
    if (spec instanceof ObjectSpec.Drbd d) {
      return List.of(d.devicePath());
    }
    // A snapshot Git removed (policy Delete, prune) is an authorized deletion, not data loss. LVM
    // snapshots are block devices the ledger tracks; ZFS snapshots are not devices it counts.
    if (spec instanceof ObjectSpec.StorageSnapshot s && s.origin() instanceof ObjectSpec.Lv o) {
      return List.of("/dev/" + o.vg() + "/" + s.name());
    }
    return List.of();
  }
}
