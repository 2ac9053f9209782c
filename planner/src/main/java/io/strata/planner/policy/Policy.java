package io.strata.planner.policy;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The operator's policy for one planning run: prune volumes that left Git (with deletionPolicy
 * Delete), how much drift to heal, the blast-radius guard (the largest share of volumes one plan
 * may destroy, unless {@code overrideGuard}), and the volumes backing off after failed changes
 * (their changes wait; a refusal of kind backoff says so). {@code syncRate}: the resync rate in
 * bytes/s the plan's ETAs assume ({@code reconcile.syncRate}; 0 = not configured, decision 013).
 * {@code snapshotsDue}: volumes whose snapshot schedule is due, with the fire time the scheduled
 * snapshot is named after — the caller's clock decides, the planner stays pure (decision 028).
 */
public record Policy(
    boolean prune,
    Heal heal,
    double maxDestroyFraction,
    boolean overrideGuard,
    Set<String> backedOff,
    long syncRate,
    SortedMap<String, Instant> snapshotsDue) {
  public static final Policy DEFAULT = new Policy(false, Heal.SAFE, 0.10, false);

  public Policy {
    backedOff = backedOff == null ? Set.of() : Set.copyOf(backedOff);
    syncRate = Math.max(0, syncRate);
    snapshotsDue =
        java.util.Collections.unmodifiableSortedMap(
            snapshotsDue == null ? new TreeMap<>() : new TreeMap<>(snapshotsDue));
  }

  public Policy(
      boolean prune,
      Heal heal,
      double maxDestroyFraction,
      boolean overrideGuard,
      Set<String> backedOff,
      long syncRate) {
    this(prune, heal, maxDestroyFraction, overrideGuard, backedOff, syncRate, null);
  }

  public Policy(
      boolean prune,
      Heal heal,
      double maxDestroyFraction,
      boolean overrideGuard,
      Set<String> backedOff) {
    this(prune, heal, maxDestroyFraction, overrideGuard, backedOff, 0);
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
    return new Policy(
        p, heal, maxDestroyFraction, overrideGuard, backedOff, syncRate, snapshotsDue);
  }

  public Policy withBackedOff(Set<String> volumes) {
    return new Policy(
        prune, heal, maxDestroyFraction, overrideGuard, volumes, syncRate, snapshotsDue);
  }

  /** This policy with the resync rate plan ETAs assume (bytes/s, 0 = unknown). */
  public Policy withSyncRate(long bytesPerSecond) {
    return new Policy(
        prune, heal, maxDestroyFraction, overrideGuard, backedOff, bytesPerSecond, snapshotsDue);
  }

  /** This policy with the volumes whose snapshot schedule is due, and each one's fire time. */
  public Policy withSnapshotsDue(Map<String, Instant> due) {
    return new Policy(
        prune, heal, maxDestroyFraction, overrideGuard, backedOff, syncRate, new TreeMap<>(due));
  }
}
