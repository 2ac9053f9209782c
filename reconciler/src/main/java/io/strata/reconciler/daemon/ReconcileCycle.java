package io.strata.reconciler.daemon;

import io.strata.planner.plan.Change;
import io.strata.planner.plan.Refusal;
import io.strata.reconciler.drift.DriftItem;
import io.strata.reconciler.git.CommitVerifier;
import io.strata.reconciler.git.FetchResult;
import io.strata.reconciler.git.GitSource;
import io.strata.reconciler.metrics.StrataMetrics;
import io.strata.reconciler.metrics.StrataMetrics.CycleResult;
import io.strata.reconciler.metrics.StrataMetrics.Stage;
import io.strata.reconciler.schedule.Backoff;
import io.strata.reconciler.status.StatusFiles;
import io.strata.reconciler.status.StatusModel;
import io.strata.reconciler.status.StatusSnapshot;
import io.strata.reconciler.status.StatusWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconcile cycle: fetch → verify → validate → observe → plan → guard → apply (unless
 * plan-only) → observe → status. Level-triggered: it looks at the world afresh each time, so
 * running it again after a crash is always right. An invalid or untrusted commit is reported and
 * not acted on; the last good commit stays in force. Status is written in {@code finally}.
 */
final class ReconcileCycle<D, O> {
  private static final Logger LOG = LoggerFactory.getLogger(ReconcileCycle.class);

  /** What a cycle did (for logs and tests). */
  record Report(CycleResult result, String commit, StatusWriter.WriteResult status) {}

  private final CycleSteps<D, O> steps;
  private final GitSource source;
  private final StatusWriter writer;
  private final Backoff backoff;
  private final StrataMetrics metrics;
  private final DriftAlerts alerts;
  private final Clock clock;
  private final boolean applyMode;
  private final DaemonState<D> state;
  private final BooleanSupplier mayWrite;
  private final String trailer;
  private String lastPlannedCommit; // the commit the previous cycle planned (worker thread only)
  private java.util.function.Consumer<Map<String, String>> onSchedules = s -> {};
  private Duration changesWithin = Duration.ZERO;
  private Instant lastFullObservation; // when the last full observation ended (worker thread only)
  private Map<String, String> lastSchedules = Map.of();

  ReconcileCycle(
      CycleSteps<D, O> steps,
      GitSource source,
      StatusWriter writer,
      Backoff backoff,
      StrataMetrics metrics,
      DriftAlerts alerts,
      Clock clock,
      boolean applyMode,
      DaemonState<D> state) {
    this(
        steps, source, writer, backoff, metrics, alerts, clock, applyMode, state, () -> true, null);
  }

  /**
   * @param mayWrite the HA fence: a cycle that finds it closed writes no status (the active
   *     instance does)
   * @param instanceId with HA, the instance named in every status commit's {@code Strata-Instance:}
   *     trailer (null: no trailer)
   */
  ReconcileCycle(
      CycleSteps<D, O> steps,
      GitSource source,
      StatusWriter writer,
      Backoff backoff,
      StrataMetrics metrics,
      DriftAlerts alerts,
      Clock clock,
      boolean applyMode,
      DaemonState<D> state,
      BooleanSupplier mayWrite,
      String instanceId) {
    this.steps = steps;
    this.source = source;
    this.writer = writer;
    this.backoff = backoff;
    this.metrics = metrics;
    this.alerts = alerts;
    this.clock = clock;
    this.applyMode = applyMode;
    this.state = state;
    this.mayWrite = mayWrite;
    this.trailer = instanceId == null ? "" : "\n\nStrata-Instance: " + instanceId;
  }

  /**
   * A cycle for a new commit observes only what the commit touches when a full observation ended at
   * most {@code within} before it (decision 040); the daemon passes its poll interval, so drift on
   * other nodes is still seen as soon as the poll would have seen it. Zero (the default): every
   * cycle observes every node.
   */
  void observeChangesWithin(Duration within) {
    this.changesWithin = within;
  }

  /** Told the snapshot schedules of the desired state in force whenever they change. */
  void onSchedules(java.util.function.Consumer<Map<String, String>> hook) {
    this.onSchedules = hook;
  }

  Report run() {
    Instant start = clock.instant();
    CycleResult result = CycleResult.FAILED;
    StageTimer timer = new StageTimer(clock);
    Stage stage = timer.enter(Stage.FETCH);
    String lastError = null;
    List<String> validationErrors = List.of();
    CycleObservation<O> observed = null;
    PlanOutcome plan = null;
    String pendingReason = "";
    Map<String, Integer> pending = new TreeMap<>();
    Map<String, String> failed = new TreeMap<>();
    DaemonState.Good<D> target = null;
    StatusWriter.WriteResult written = null;
    String changed = "";
    DriftReport after = null; // drift observed after this cycle's apply
    try {
      FetchResult fetched = source.fetch();
      String head = null;
      if (fetched instanceof FetchResult.Failed f) {
        lastError = f.message();
        metrics.failure(Stage.FETCH);
        LOG.warn("{}", f.message());
      } else if (fetched instanceof FetchResult.Fetched f) {
        head = f.commit();
        state.observedCommit = head;
        state.lastAttemptedCommit = head;
      }
      resumeOnce();
      DaemonState.Good<D> previous = state.lastGood;
      if (head != null) {
        stage = timer.enter(Stage.VERIFY);
        validationErrors = admit(head);
        if (validationErrors.isEmpty()) {
          result = CycleResult.NO_CHANGE;
        } else {
          result = CycleResult.INVALID;
        }
      }
      target = state.lastGood;
      if (target != null) {
        Map<String, String> schedules = steps.schedules(target.desired());
        if (!schedules.equals(lastSchedules)) {
          lastSchedules = Map.copyOf(schedules);
          onSchedules.accept(lastSchedules);
        }
      }
      stage = timer.enter(Stage.OBSERVE);
      boolean scoped = observesChangesOnly(previous, target);
      if (scoped) {
        observed = steps.observeChanges(previous.desired(), target.desired());
      } else {
        observed = steps.observe();
        lastFullObservation = clock.instant();
      }
      if (target == null) {
        return new Report(result, head, null);
      }
      stage = timer.enter(Stage.PLAN);
      Instant now = clock.instant();
      Set<String> deferred = backoff.deferred(now);
      Instant since = state.activeSince == null ? start : state.activeSince;
      plan = steps.plan(request(target, observed, deferred, now, since));
      // a change runs only on a node this cycle probed (decision 040): the nodes a plan of a
      // partial observation needs beyond it are probed and the plan made again; after two rounds,
      // everything is observed
      for (int round = 1; scoped; round++) {
        stage = timer.enter(Stage.OBSERVE);
        CycleObservation<O> wider = round <= 2 ? steps.widen(observed, plan) : steps.observe();
        if (wider == null) {
          break;
        }
        if (round > 2) {
          scoped = false;
          lastFullObservation = clock.instant();
        }
        observed = wider;
        stage = timer.enter(Stage.PLAN);
        plan = steps.plan(request(target, observed, deferred, now, since));
      }
      // a missed schedule is told before its catch-up snapshot is applied (firing, then resolved)
      alerts.reportMissed(plan.missed(), now);
      for (Refusal r : plan.plan().refused()) {
        if (r.kind() == Refusal.Kind.BACKOFF) {
          r.volumes().forEach(v -> pending.merge(v, 1, Integer::sum));
        }
      }
      String plannedBefore = lastPlannedCommit;
      lastPlannedCommit = target.commit();
      // last-plan.md keeps the last plan that did something, so that a quiet cycle after a
      // change does not replace it with "no changes" (and cost a status commit).
      boolean meaningful = !plan.plan().isEmpty() || !plan.plan().refused().isEmpty();
      if (meaningful || state.lastPlanMarkdown.isEmpty()) {
        state.lastPlanMarkdown = plan.markdown() == null ? "" : plan.markdown();
      }
      stage = timer.enter(Stage.GUARD);
      String guard = plan.guardRefusal();
      if (guard != null) {
        // the planner dropped every delete; what is left may be applied, and the operator hears
        // of the guard in the status, the metrics and this line
        metrics.failure(Stage.GUARD);
        LOG.warn("{}", guard);
      }
      if (!applyMode) {
        countPending(plan, pending);
        pendingReason = "mode: plan-only";
        if (result != CycleResult.INVALID) {
          result = CycleResult.PLAN_ONLY;
        }
      } else if (!plan.plan().isEmpty()) {
        // Drift this cycle is about to heal is told first (firing, resolved after), or a poll
        // cycle would heal it silently. Only for a commit an earlier cycle already acted on: a new
        // commit's changes are Git's, not drift.
        boolean steady =
            target.commit().equals(plannedBefore)
                || target.commit().equals(state.lastAppliedCommit);
        stage = timer.enter(Stage.DRIFT);
        DriftReport before = steady ? steps.drift(target.desired(), observed) : null;
        if (before != null) {
          alerts.report(before, now);
        }
        stage = timer.enter(Stage.APPLY);
        ApplySummary applied = steps.apply(plan);
        record(applied, failed, now);
        stage = timer.enter(Stage.OBSERVE);
        observed = steps.reobserve(observed);
        stage = timer.enter(Stage.DRIFT);
        after = steps.drift(target.desired(), observed);
        List<DriftItem> healed = before == null ? List.of() : Heals.healed(before, after);
        healed.forEach(
            i -> {
              metrics.healed(i.driftClass());
              LOG.info("healed {}", i);
            });
        changed = Heals.describe(healed, applied);
        if (result != CycleResult.INVALID) {
          result = failed.isEmpty() && guard == null ? CycleResult.SUCCESS : CycleResult.FAILED;
        }
      } else if (guard != null && result != CycleResult.INVALID) {
        result = CycleResult.FAILED;
      }
      if (!deferred.isEmpty() && pendingReason.isEmpty()) {
        pendingReason = "volume(s) backing off after failures";
      }
      // A commit is applied only when every volume of it was: no failure, no refusal, no deferral.
      if (applyMode && failed.isEmpty() && plan.plan().refused().isEmpty()) {
        state.lastAppliedCommit = target.commit();
        if (result != CycleResult.INVALID) {
          metrics.lastSuccessfulSync(clock.instant());
        }
      }
      stage = timer.enter(Stage.DRIFT);
      DriftReport drift = after != null ? after : steps.drift(target.desired(), observed);
      state.lastDrift = drift;
      alerts.report(drift, clock.instant());
      return new Report(result, target.commit(), null);
    } catch (Exception e) {
      // An exception from a step is a failure of that stage, not of the daemon.
      result = CycleResult.FAILED;
      lastError = stage.label() + ": " + e.getMessage();
      metrics.failure(stage);
      LOG.error("cycle failed at {}", stage.label(), e);
      return new Report(result, target == null ? null : target.commit(), null);
    } finally {
      timer.enter(Stage.STATUS);
      written =
          writeStatus(
              target,
              observed,
              plan,
              pending,
              pendingReason,
              failed,
              validationErrors,
              lastError,
              changed);
      timer.spent().forEach(metrics::stage);
      metrics.cycle(result, Duration.between(start, clock.instant()).toNanos() / 1e9);
      state.lastCycleEnd = clock.instant();
      state.lastCycleResult = result.label();
      state.lastCycleError = lastError;
      LOG.info(
          "cycle {} (commit {}, status {})",
          result.label(),
          state.observedCommit,
          written == null ? "-" : written.getClass().getSimpleName());
    }
  }

  private PlanRequest<D, O> request(
      DaemonState.Good<D> target,
      CycleObservation<O> observed,
      Set<String> deferred,
      Instant now,
      Instant since) {
    return new PlanRequest<>(
        target.commit(), target.desired(), observed, applyMode, deferred, now, since);
  }

  /**
   * Whether this cycle may observe only what its new commit changed: a commit this cycle admitted
   * (another desired state than the previous cycle's), a full observation that ended within the
   * window, and a previous desired state to compare with.
   */
  private boolean observesChangesOnly(DaemonState.Good<D> previous, DaemonState.Good<D> target) {
    return previous != null
        && target != null
        && target != previous
        && lastFullObservation != null
        && !changesWithin.isZero()
        && !clock.instant().isAfter(lastFullObservation.plus(changesWithin));
  }

  /** Verifies and validates {@code head}; on success it becomes the last good commit. */
  private List<String> admit(String head) throws Exception {
    DaemonState.Good<D> good = state.lastGood;
    if (good != null && good.commit().equals(head)) {
      return List.of();
    }
    // every commit since the last verified one, not only the head (issue 12)
    String base = good != null ? good.commit() : state.lastAppliedCommit;
    CommitVerifier.Verdict v = source.verifySince(base, head);
    if (v instanceof CommitVerifier.Verdict.Untrusted u) {
      metrics.failure(Stage.VERIFY);
      return List.of("commit " + head + " is not trusted: " + u.reason());
    }
    Validation<D> validation = steps.validate(head, source.manifests(head));
    if (validation instanceof Validation.Invalid<D> inv) {
      metrics.failure(Stage.VALIDATE);
      List<String> errors = inv.errors().stream().map(ValidationError::render).toList();
      if (!head.equals(state.invalidCommitLogged)) {
        // once per commit, with where each error is: every poll would repeat it otherwise
        state.invalidCommitLogged = head;
        LOG.warn(
            "commit {} is invalid and will not be applied ({} error(s)): {}",
            head,
            errors.size(),
            String.join("; ", errors));
      }
      return errors;
    }
    state.lastGood = new DaemonState.Good<>(head, ((Validation.Valid<D>) validation).desired());
    return List.of();
  }

  /**
   * After a restart, the last applied commit recorded on the status branch becomes the last good
   * commit again (if it still validates), so an invalid head does not leave the daemon with nothing
   * in force.
   */
  private void resumeOnce() {
    if (state.resumed) {
      return;
    }
    state.resumed = true;
    try {
      String prev =
          writer
              .readCurrent(StatusFiles.RECONCILER)
              .map(b -> StatusFiles.readField(b, "lastAppliedCommit"))
              .orElse(null);
      if (prev == null || state.lastGood != null) {
        return;
      }
      state.lastAppliedCommit = prev;
      if (steps.validate(prev, source.manifests(prev)) instanceof Validation.Valid<D> v) {
        state.lastGood = new DaemonState.Good<>(prev, v.desired());
      }
    } catch (Exception e) {
      LOG.warn("cannot resume from the status branch: {}", e.getMessage());
    }
  }

  private void record(ApplySummary applied, Map<String, String> failed, Instant now) {
    for (ApplySummary.ChangeResult r : applied.results()) {
      // One line per change, so that the log alone tells what the daemon did to the cluster.
      LOG.info("{}", r.logLine());
      if (r.outcome() == ApplySummary.Outcome.APPLIED) {
        metrics.changeApplied(r.action().jsonName());
      }
    }
    failed.putAll(applied.failedVolumes());
    if (!failed.isEmpty()) {
      metrics.failure(Stage.APPLY);
    }
    failed.forEach((v, err) -> backoff.failed(v, err, now));
    applied.succeededVolumes().forEach(backoff::succeeded);
  }

  private static void countPending(PlanOutcome p, Map<String, Integer> pending) {
    for (Change c : p.plan().changes()) {
      pending.merge(c.volume(), 1, Integer::sum);
    }
  }

  private StatusWriter.WriteResult writeStatus(
      DaemonState.Good<D> target,
      CycleObservation<O> observed,
      PlanOutcome plan,
      Map<String, Integer> pending,
      String pendingReason,
      Map<String, String> failed,
      List<String> validationErrors,
      String lastError,
      String changed) {
    if (!mayWrite.getAsBoolean()) {
      LOG.warn("status not written: this instance is not active (or lost its lease)");
      return null;
    }
    try {
      StatusModel model = StatusModel.empty();
      if (observed != null) {
        try {
          model = steps.status(target == null ? null : target.desired(), observed);
        } catch (RuntimeException e) {
          LOG.error("status facts failed", e);
        }
      }
      Map<String, String> refused = new TreeMap<>();
      if (plan != null) {
        for (Refusal r : plan.plan().refused()) {
          if (r.kind() != Refusal.Kind.GUARD && r.kind() != Refusal.Kind.BACKOFF) {
            r.volumes().forEach(v -> refused.putIfAbsent(v, r.reason()));
          }
        }
      }
      Instant now = clock.instant();
      Set<String> deferred = backoff.deferred(now);
      Map<String, Backoff.Entry> backingOff = new TreeMap<>(backoff.entries());
      backingOff.keySet().retainAll(deferred);
      CycleFacts facts =
          new CycleFacts(
              new StatusSnapshot.Commits(
                  state.observedCommit, state.lastAppliedCommit, state.lastAttemptedCommit),
              model,
              pending,
              pendingReason,
              failed,
              backingOff,
              refused,
              validationErrors,
              plan == null ? null : plan.guardRefusal(),
              lastError,
              state.lastDrift,
              observed == null ? null : observed.json(),
              state.lastPlanMarkdown,
              plan == null ? Set.of() : plan.scheduled(),
              plan == null ? Map.of() : plan.missedMessages());
      StatusSnapshot snap = StatusComposer.compose(facts);
      String commit = state.observedCommit == null ? "no commit" : state.observedCommit;
      // the message says what this cycle changed ("healed logs on n3", "deleted volume cache")
      String message = "observed " + commit + (changed.isEmpty() ? "" : ": " + changed) + trailer;
      StatusWriter.WriteResult w = writer.write(snap, message);
      if (w instanceof StatusWriter.WriteResult.Failed f) {
        metrics.failure(Stage.STATUS);
        LOG.warn("status not written: {}", f.message());
      }
      return w;
    } catch (RuntimeException e) {
      metrics.failure(Stage.STATUS);
      LOG.error("status not written", e);
      return new StatusWriter.WriteResult.Failed(String.valueOf(e.getMessage()), 0);
    }
  }
}
