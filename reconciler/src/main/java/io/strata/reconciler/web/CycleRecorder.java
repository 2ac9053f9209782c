package io.strata.reconciler.web;

import io.strata.reconciler.alert.AlertEvent;
import io.strata.reconciler.alert.TransitionTracker;
import io.strata.reconciler.daemon.ApplySummary;
import io.strata.reconciler.daemon.CycleObservation;
import io.strata.reconciler.daemon.CycleSteps;
import io.strata.reconciler.daemon.DriftAlerts;
import io.strata.reconciler.daemon.DriftReport;
import io.strata.reconciler.daemon.PlanOutcome;
import io.strata.reconciler.daemon.PlanRequest;
import io.strata.reconciler.daemon.Validation;
import io.strata.reconciler.daemon.ValidationError;
import io.strata.reconciler.status.StatusModel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the daemon's storage steps and remembers what they returned, so the web view shows exactly
 * what the last cycle and drift check saw without the daemon's cycle knowing the view exists.
 * Written by the daemon's single worker; each result is published as one immutable {@link Recorded}
 * through a volatile field, so a reader never sees half a cycle.
 */
public final class CycleRecorder<D, O> implements CycleSteps<D, O> {
  private static final Logger LOG = LoggerFactory.getLogger(CycleRecorder.class);
  private final CycleSteps<D, O> steps;
  private final Clock clock;
  private final TransitionTracker tracker = new TransitionTracker("StrataDrift");
  private final Map<String, AlertEvent> firing = new TreeMap<>();
  private volatile Recorded recorded = Recorded.EMPTY;

  public CycleRecorder(CycleSteps<D, O> steps, Clock clock) {
    this.steps = steps;
    this.clock = clock;
  }

  /** What the steps returned last: never null, fields null until first seen. */
  public record Recorded(
      Object desired,
      CycleObservation<?> observed,
      StatusModel model,
      PlanOutcome plan,
      boolean applyAllowed,
      PlanOutcome lastEffectivePlan,
      ApplySummary applied,
      DriftReport drift,
      List<AlertEvent> firing,
      Views.InvalidCommit invalid) {
    static final Recorded EMPTY =
        new Recorded(null, null, null, null, true, null, null, null, List.of(), null);

    public Recorded {
      firing = List.copyOf(firing);
    }

    /** The same plan, with newer facts of the cluster and the commit. */
    Recorded with(
        Object desired,
        CycleObservation<?> observed,
        StatusModel model,
        DriftReport drift,
        List<AlertEvent> firing,
        Views.InvalidCommit invalid) {
      return new Recorded(
          desired,
          observed,
          model,
          plan,
          applyAllowed,
          lastEffectivePlan,
          applied,
          drift,
          firing,
          invalid);
    }

    /** A new plan: the last apply's results belong to the previous one. */
    Recorded withPlan(
        Object desired, PlanOutcome plan, boolean applyAllowed, PlanOutcome lastEffective) {
      return new Recorded(
          desired,
          observed,
          model,
          plan,
          applyAllowed,
          lastEffective,
          null,
          drift,
          firing,
          invalid);
    }

    Recorded withApplied(ApplySummary applied) {
      return new Recorded(
          desired,
          observed,
          model,
          plan,
          applyAllowed,
          lastEffectivePlan,
          applied,
          drift,
          firing,
          invalid);
    }
  }

  public Recorded recorded() {
    return recorded;
  }

  @Override
  public Validation<D> validate(String commit, Map<String, byte[]> manifestFiles) {
    Validation<D> v = steps.validate(commit, manifestFiles);
    Recorded r = recorded;
    Views.InvalidCommit invalid = r.invalid();
    if (v instanceof Validation.Invalid<D> inv) {
      List<Views.LocatedError> errors = new ArrayList<>();
      for (ValidationError e : inv.errors()) {
        errors.add(new Views.LocatedError(e.file(), e.line(), e.column(), e.message()));
      }
      invalid = new Views.InvalidCommit(commit, errors);
    } else if (invalid != null && !invalid.commit().equals(commit)) {
      // a valid commit after the invalid one; the view also hides an invalid commit that is no
      // longer the head, so re-validating an older good commit (on resume) is harmless
      invalid = null;
    }
    recorded = r.with(r.desired(), r.observed(), r.model(), r.drift(), r.firing(), invalid);
    return v;
  }

  @Override
  public CycleObservation<O> observe() {
    return seen(steps.observe());
  }

  @Override
  public CycleObservation<O> observeChanges(D before, D after) {
    return seen(steps.observeChanges(before, after));
  }

  @Override
  public CycleObservation<O> widen(CycleObservation<O> observed, PlanOutcome plan) {
    CycleObservation<O> o = steps.widen(observed, plan);
    return o == null ? null : seen(o);
  }

  @Override
  public CycleObservation<O> reobserve(CycleObservation<O> before) {
    return seen(steps.reobserve(before));
  }

  private CycleObservation<O> seen(CycleObservation<O> o) {
    Recorded r = recorded;
    recorded = r.with(r.desired(), o, r.model(), r.drift(), r.firing(), r.invalid());
    return o;
  }

  @Override
  public Map<String, String> schedules(D desired) {
    return steps.schedules(desired);
  }

  @Override
  public PlanOutcome plan(PlanRequest<D, O> request) {
    PlanOutcome p = steps.plan(request);
    Recorded r = recorded;
    // like status/last-plan.md: keep the last plan that did something, a quiet cycle does not
    // replace it with "no changes"
    boolean meaningful = !p.plan().isEmpty() || !p.plan().refused().isEmpty();
    PlanOutcome effective = meaningful || r.lastEffectivePlan() == null ? p : r.lastEffectivePlan();
    recorded = r.withPlan(request.desired(), p, request.applyAllowed(), effective);
    return p;
  }

  @Override
  public ApplySummary apply(PlanOutcome plan) {
    ApplySummary a = steps.apply(plan);
    recorded = recorded.withApplied(a);
    return a;
  }

  @Override
  public StatusModel status(D desired, CycleObservation<O> observed) {
    StatusModel m = facts(desired, observed);
    Recorded r = recorded;
    recorded = r.with(desired, observed, m, r.drift(), r.firing(), r.invalid());
    return m;
  }

  @Override
  public DriftReport drift(D desired, CycleObservation<O> observed) {
    DriftReport d = steps.drift(desired, observed);
    // the same findings as the daemon's alerting (DriftAlerts), so "firing" here is what the
    // sinks were told
    for (AlertEvent e : tracker.update(DriftAlerts.findings(d), clock.instant())) {
      if (e.state() == AlertEvent.State.FIRING) {
        firing.put(e.key(), e);
      } else {
        firing.remove(e.key());
      }
    }
    // the drift job observes without writing status: describe the volumes from the same
    // observation, so the page never shows a fresh drift beside replicas of an older cycle
    StatusModel model = modelOf(desired, observed);
    Recorded r = recorded;
    recorded =
        r.with(
            desired,
            observed,
            model == null ? r.model() : model,
            d,
            List.copyOf(firing.values()),
            r.invalid());
    return d;
  }

  /** The facts of one desired state and observation, given both drift and status ask. */
  private record Facts<D, O>(D desired, CycleObservation<O> observed, StatusModel model) {}

  private volatile Facts<D, O> facts;

  /**
   * A cycle's drift step and its status step ask for the facts of the same desired state and
   * observation (both immutable): they are computed once, a tenth of a no-op cycle at 10,000
   * volumes.
   */
  private StatusModel facts(D desired, CycleObservation<O> observed) {
    Facts<D, O> f = facts;
    if (f != null && f.desired() == desired && f.observed() == observed) {
      return f.model();
    }
    StatusModel m = steps.status(desired, observed);
    facts = new Facts<>(desired, observed, m);
    return m;
  }

  private StatusModel modelOf(D desired, CycleObservation<O> observed) {
    try {
      return facts(desired, observed);
    } catch (RuntimeException e) {
      LOG.warn("web view: status facts of the drift check failed: {}", e.getMessage());
      return null;
    }
  }
}
