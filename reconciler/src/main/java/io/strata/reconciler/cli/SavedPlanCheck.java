package io.strata.reconciler.cli;

import io.strata.planner.plan.Change;
import io.strata.planner.plan.Plan;
import java.util.List;
import java.util.Objects;

/**
 * Whether a saved plan is exactly what the planner makes now (issue 12). The fingerprint alone
 * proves the cluster has not changed; it does not cover the plan's own content, so a plan edited by
 * hand (a size raised, a change added, a deletion slipped in) or made from other manifests would
 * otherwise be applied as written. The planner is pure, so the same manifests and the same
 * observation give the same plan: anything else is refused.
 */
final class SavedPlanCheck {
  private SavedPlanCheck() {}

  /** Null when {@code saved} matches {@code fresh}; otherwise the first difference, for humans. */
  static String mismatch(Plan saved, Plan fresh, String commit) {
    if (!Objects.equals(saved.commit(), commit)) {
      return "it was made from commit " + saved.commit() + ", the manifests are now at " + commit;
    }
    List<Change> a = saved.changes();
    List<Change> b = fresh.changes();
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      if (!a.get(i).equals(b.get(i))) {
        return a.get(i).id().equals(b.get(i).id())
            ? "change " + (i + 1) + " (" + a.get(i).id() + ") is not what Strata plans for it now"
            : "change " + (i + 1) + " is " + a.get(i).id() + ", Strata plans " + b.get(i).id();
      }
    }
    if (a.size() != b.size()) {
      return "it has " + a.size() + " change(s), the plan now has " + b.size();
    }
    if (!saved.refused().equals(fresh.refused())) {
      return "its refusals differ from the plan's now";
    }
    return null;
  }
}
