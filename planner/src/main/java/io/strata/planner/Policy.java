package io.strata.planner;

/**
 * The operator's policy for one planning run: prune volumes that left Git (with deletionPolicy
 * Delete), how much drift to heal, and the blast-radius guard (the largest share of volumes one
 * plan may destroy, unless {@code overrideGuard}).
 */
public record Policy(boolean prune, Heal heal, double maxDestroyFraction, boolean overrideGuard) {
  public static final Policy DEFAULT = new Policy(false, Heal.SAFE, 0.10, false);

  public enum Heal {
    SAFE,
    ALL,
    NONE
  }

  public Policy withPrune(boolean p) {
    return new Policy(p, heal, maxDestroyFraction, overrideGuard);
  }
}
