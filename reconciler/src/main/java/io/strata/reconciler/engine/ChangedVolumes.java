package io.strata.reconciler.engine;

import io.strata.planner.index.ObservedIndex;
import io.strata.planner.observed.ObservedState;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Snapshot;
import io.strata.schema.model.Volume;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a commit that changed only volumes and snapshots touches (decision 040): the volumes whose
 * documents differ, and the nodes to probe for them.
 */
final class ChangedVolumes {
  private ChangedVolumes() {}

  /** Volumes added, removed or changed, and the volumes of snapshots added, removed or changed. */
  static Set<String> of(DesiredState before, DesiredState after) {
    Set<String> out = new TreeSet<>();
    Set<String> names = new TreeSet<>(before.volumes().keySet());
    names.addAll(after.volumes().keySet());
    for (String v : names) {
      if (!Objects.equals(before.volumes().get(v), after.volumes().get(v))) {
        out.add(v);
      }
    }
    Set<String> snapshots = new TreeSet<>(before.snapshots().keySet());
    snapshots.addAll(after.snapshots().keySet());
    for (String s : snapshots) {
      Snapshot was = before.snapshots().get(s);
      Snapshot is = after.snapshots().get(s);
      if (!Objects.equals(was, is)) {
        if (was != null) {
          out.add(was.volume());
        }
        if (is != null) {
          out.add(is.volume());
        }
      }
    }
    return out;
  }

  /**
   * The nodes holding an object of a changed volume in {@code observed}, and those a changed volume
   * names in either state (its placement's nodes, the nodes given access). Nodes of neither state
   * are left out: nothing probes them.
   */
  static Set<String> nodes(DesiredState before, DesiredState after, ObservedState observed) {
    Set<String> out = new TreeSet<>();
    Set<String> changed = of(before, after);
    if (changed.isEmpty()) {
      return out;
    }
    ObservedIndex idx = ObservedIndex.of(observed);
    for (String v : changed) {
      out.addAll(idx.nodes(v));
      named(before.volumes().get(v), out);
      named(after.volumes().get(v), out);
    }
    out.retainAll(after.nodes().keySet());
    return out;
  }

  private static void named(Volume v, Set<String> out) {
    if (v != null) {
      out.addAll(v.placement().nodes());
      out.addAll(v.access());
    }
  }
}
