package io.strata.reconciler.engine;

import io.strata.planner.plan.Plan;
import io.strata.reconciler.drift.DriftItem;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code strata apply --wait}: apply, observe, plan and apply again until nothing remains —
 * make-before-break evacuation, replacement and heals take several plans, because a replica is
 * removed only once its replacement is in sync. Between plans that have nothing to do while
 * replicas still sync, it polls. It stops at the first failed change (retrying across cycles is the
 * daemon's job), when only refusals are left, or at the deadline.
 */
public final class Convergence {
  /** How it ended: {@code converged}, or why not in {@code why}; {@code last} is the last plan. */
  public record Outcome(
      boolean converged, int rounds, Plan last, List<String> failures, String why) {}

  /** What the command shows while waiting. */
  public interface Listener {
    /** Round {@code n} (from 2: the first is the plan already shown) is about to apply. */
    default void round(int n, Plan plan) {}

    /** Nothing to apply yet; the cluster still differs ({@code what}). */
    default void waiting(String what) {}

    /** Round {@code n} was applied; {@code summary} says what happened. */
    default void applied(int n, String summary) {}
  }

  /** Sleeps between polls (a test passes one that only advances a fake clock). */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  static final Duration POLL = Duration.ofMillis(500);

  private Convergence() {}

  /**
   * Continues from a first plan that was just applied (round 1) until convergence or {@code
   * timeout}. {@code nanoTime} and {@code sleeper} are the clock.
   */
  public static Outcome run(
      Engine engine,
      Engine.Desired desired,
      boolean prune,
      boolean overrideGuard,
      Duration timeout,
      Listener listener,
      LongSupplier nanoTime,
      Sleeper sleeper)
      throws InterruptedException {
    long deadline = nanoTime.getAsLong() + timeout.toNanos();
    int round = 1;
    while (true) {
      Plan plan = engine.planFor(desired, false, prune, overrideGuard).plan();
      if (!plan.isEmpty()) {
        if (nanoTime.getAsLong() >= deadline) {
          return new Outcome(false, round, plan, List.of(), timedOut(timeout, plan));
        }
        round++;
        listener.round(round, plan);
        Engine.Applied applied = engine.apply(plan, desired);
        listener.applied(round, applied.summary());
        if (!applied.failures().isEmpty()) {
          return new Outcome(false, round, plan, applied.failures(), "changes failed");
        }
        continue;
      }
      if (!plan.refused().isEmpty()) {
        return new Outcome(
            false, round, plan, List.of(), plan.refused().size() + " refusal(s) remain");
      }
      List<DriftItem> drift = engine.drift(desired).items();
      if (drift.isEmpty()) {
        return new Outcome(true, round, plan, List.of(), "");
      }
      if (nanoTime.getAsLong() >= deadline) {
        return new Outcome(
            false, round, plan, List.of(), "still not in sync after " + timeout + ": " + drift);
      }
      listener.waiting(drift.size() + " object(s) not in sync yet, e.g. " + drift.get(0).detail());
      sleeper.sleep(POLL);
    }
  }

  private static String timedOut(Duration timeout, Plan plan) {
    return "not converged after "
        + timeout
        + ": "
        + plan.changes().size()
        + " change(s) remain; run strata apply --wait again or see strata drift";
  }
}
