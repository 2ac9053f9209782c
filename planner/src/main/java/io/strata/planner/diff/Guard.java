package io.strata.planner.diff;

import io.strata.planner.plan.Refusal;
import io.strata.planner.policy.Policy;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;

/**
 * The blast-radius guard (ARCHITECTURE.md §5): a plan that destroys more than {@code
 * maxDestroyFraction} of the known volumes (in Git or owned on a node) loses every delete change,
 * unless the guard is overridden. Replica removals do not count as destroying a volume, but are
 * dropped with the rest when the guard trips.
 */
public final class Guard {
  private Guard() {}

  /**
   * The refusal when the guard trips, or null. The refusal's volume lists the volumes that would
   * have been destroyed.
   */
  public static Refusal check(SortedSet<String> destroyedVolumes, int known, Policy policy) {
    int destroyed = destroyedVolumes.size();
    if (destroyed == 0 || policy.overrideGuard() || known == 0) {
      return null;
    }
    double share = (double) destroyed / known;
    if (share <= policy.maxDestroyFraction()) {
      return null;
    }
    return new Refusal(
        String.join(", ", destroyedVolumes),
        null,
        String.format(
            Locale.ROOT,
            "blast-radius guard: this plan would delete %d of %d volumes (%.0f %%), more than the"
                + " %.0f %% allowed; no delete is planned. Review the deletions, then override"
                + " the guard for one run (strata plan/apply --override-guard) or raise"
                + " reconcile.maxDestroyFraction in strata.yaml",
            destroyed,
            known,
            share * 100,
            policy.maxDestroyFraction() * 100),
        Refusal.Kind.GUARD,
        List.copyOf(destroyedVolumes));
  }
}
