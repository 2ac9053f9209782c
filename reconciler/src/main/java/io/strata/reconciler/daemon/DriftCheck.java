package io.strata.reconciler.daemon;

import io.strata.planner.policy.Policy;
import io.strata.reconciler.metrics.StrataMetrics;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drift job: observe, compare with the last good commit, alert on transitions, and — unless
 * {@code heal: none} — ask for a reconcile cycle, which heals what the planner's heal policy
 * allows.
 */
final class DriftCheck<D, O> {
  private static final Logger LOG = LoggerFactory.getLogger(DriftCheck.class);

  private final CycleSteps<D, O> steps;
  private final DriftAlerts alerts;
  private final StrataMetrics metrics;
  private final Policy.Heal heal;
  private final Clock clock;
  private final DaemonState<D> state;
  private final Runnable requestCycle;

  DriftCheck(
      CycleSteps<D, O> steps,
      DriftAlerts alerts,
      StrataMetrics metrics,
      Policy.Heal heal,
      Clock clock,
      DaemonState<D> state,
      Runnable requestCycle) {
    this.steps = steps;
    this.alerts = alerts;
    this.metrics = metrics;
    this.heal = heal;
    this.clock = clock;
    this.state = state;
    this.requestCycle = requestCycle;
  }

  /** Returns the report, or null when there is no good commit to compare with yet. */
  DriftReport run() {
    DaemonState.Good<D> good = state.lastGood;
    if (good == null) {
      LOG.debug("drift check skipped: no valid commit seen yet");
      return null;
    }
    try {
      DriftReport report = steps.drift(good.desired(), steps.observe());
      state.lastDrift = report;
      alerts.report(report, clock.instant());
      if (!report.objects().isEmpty()) {
        LOG.info("drift: {} object(s) differ from Git", report.objects().size());
        if (heal != Policy.Heal.NONE) {
          requestCycle.run();
        }
      }
      return report;
    } catch (RuntimeException e) {
      metrics.failure(StrataMetrics.Stage.DRIFT);
      LOG.error("drift check failed", e);
      return null;
    }
  }
}
