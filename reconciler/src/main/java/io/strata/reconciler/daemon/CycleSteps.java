package io.strata.reconciler.daemon;

import io.strata.reconciler.status.StatusModel;
import java.util.Map;

/**
 * The storage-specific steps of a reconcile cycle, implemented by the integrator with the real
 * schema loader, planner and executors (and by a stateful fake in tests). The daemon owns
 * everything else: Git, ordering, guard, backoff, status, alerts, metrics.
 *
 * <p>Implementations are called from one thread at a time (the daemon's single worker). Return
 * operational failures as values; an exception is treated as a failure of that stage of the cycle
 * (counted, reported in status, retried next cycle).
 *
 * @param <D> the validated desired state (e.g. {@code io.strata.schema.model.DesiredState})
 * @param <O> the observed snapshot (e.g. {@code io.strata.planner.observed.ObservedState})
 */
public interface CycleSteps<D, O> {
  /**
   * Parses and validates the manifests of {@code commit} (paths relative to the repository root, as
   * read from the commit's tree). Invalid → errors with file, line and column.
   */
  Validation<D> validate(String commit, Map<String, byte[]> manifestFiles);

  /** Observes every node; an unreachable node is listed, not treated as empty. */
  CycleObservation<O> observe();

  /**
   * Observes for a cycle whose desired state changed from {@code before} to {@code after} (a new
   * commit), shortly after a full observation: what the change touches is probed, every other node
   * is answered from the last observation (decision 040). The daemon calls it only while its last
   * full observation is fresh; an implementation that cannot tell what the change touches observes
   * everything. Not a default method: a wrapper must pass it on.
   */
  CycleObservation<O> observeChanges(D before, D after);

  /**
   * After {@link #observeChanges}: {@code observed} with the nodes {@code plan} acts on that this
   * cycle did not probe, probed now — a change must never run on a node only an older observation
   * saw. Null when there are none, or when this cycle observed everything; the daemon plans again
   * on a wider observation. Not a default method: a wrapper must pass it on.
   */
  CycleObservation<O> widen(CycleObservation<O> observed, PlanOutcome plan);

  /**
   * Observes again after this cycle applied its plan. Nodes {@code before} could not observe stay
   * unknown for the rest of the cycle without being probed again: nothing was applied to them, and
   * a node whose probe hangs costs the cycle one probe timeout, not one per observation (issue 12).
   */
  default CycleObservation<O> reobserve(CycleObservation<O> before) {
    return observe();
  }

  /**
   * The snapshot schedules of {@code desired}: a Quartz cron expression per volume (decision 028).
   * The daemon fires a cycle at each of them; the plan decides what is due. Not a default method: a
   * wrapper of another implementation must pass it on, or no schedule would ever fire.
   */
  Map<String, String> schedules(D desired);

  /** Plans desired against observed; renders the Markdown and applies the blast-radius guard. */
  PlanOutcome plan(PlanRequest<D, O> request);

  /** Applies the plan (already filtered of backed-off volumes) and reports per change. */
  ApplySummary apply(PlanOutcome plan);

  /**
   * Status facts per volume and node. {@code desired} is null when no valid commit was ever seen
   * (then only nodes can be described).
   */
  StatusModel status(D desired, CycleObservation<O> observed);

  /** What differs between desired and observed, with reasons (missing, degraded, …). */
  DriftReport drift(D desired, CycleObservation<O> observed);
}
