package io.strata.planner.policy;

import java.util.Set;

/**
 * The operator's policy for one planning run: prune volumes that left Git (with deletionPolicy
 * Delete), how much drift to heal, the blast-radius guard (the largest share of volumes one plan
 * may destroy, unless {@code overrideGuard}), and the volumes backing off after failed changes
 * (their changes wait; a refusal of kind backoff says so).
 */
public record Policy(
    boolean prune,
    Heal heal,
    double maxDestroyFraction,
    boolean overrideGuard,
    Set<String> backedOff) {
  public static final Policy DEFAULT = new Policy(false, Heal.SAFE, 0.10, false);

  public Policy {
    backedOff = backedOff == null ? Set.of() : Set.copyOf(backedOff);
  }

  public Policy(boolean prune, Heal heal, double maxDestroyFraction, boolean overrideGuard) {
    this(prune, heal, maxDestroyFraction, overrideGuard, Set.of());
  }

  public enum Heal {
    SAFE,
    ALL,
    NONE
  }

  public Policy withPrune(boolean p) {
    return new Policy(p, heal, maxDestroyFraction, overrideGuard, backedOff);
  }

  public Policy withBackedOff(Set<String> volumes) {
    return new Policy(prune, heal, maxDestroyFraction, overrideGuard, volumes);
  }
}
