package io.strata.reconciler.engine;

import io.strata.executors.run.ChangeResult;
import io.strata.executors.run.ChangeStatus;
import io.strata.planner.diff.ScheduledSnapshots;
import io.strata.planner.fingerprint.Fingerprint;
import io.strata.planner.index.ObservedIndex;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.Plan;
import io.strata.reconciler.daemon.ApplySummary;
import io.strata.reconciler.daemon.CycleObservation;
import io.strata.reconciler.daemon.CycleSteps;
import io.strata.reconciler.daemon.DriftReport;
import io.strata.reconciler.daemon.PlanOutcome;
import io.strata.reconciler.daemon.PlanRequest;
import io.strata.reconciler.daemon.Validation;
import io.strata.reconciler.daemon.ValidationError;
import io.strata.reconciler.schedule.SnapshotClock;
import io.strata.reconciler.status.StatusModel;
import io.strata.schema.diag.Diagnostic;
import io.strata.schema.load.LoadResult;
import io.strata.schema.load.ManifestLoader;
import io.strata.schema.load.ParsedFiles;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Volume;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The daemon's storage steps, done by the engine: the real loader, planner, executors and nodes.
 * The daemon calls it from one thread at a time.
 */
public final class EngineCycleSteps implements CycleSteps<DesiredState, ObservedState> {
  private final Engine engine;

  /** Parsed documents of the last commit's files: a new commit parses only what it changed. */
  private final ParsedFiles parsed = new ParsedFiles();

  private Engine.Desired lastValid = new Engine.Desired(DesiredState.empty(), null);

  /**
   * The last observation as described and as handed to the cycle. An observation equal to it is
   * answered with the very same objects, so that what was made from them — the plan, the drift
   * report, the status facts, the status branch's {@code observed.json} blob — is reused by
   * identity instead of made again (decision 038).
   */
  private Engine.Described lastDescribed;

  private CycleObservation<ObservedState> lastSeen;

  /** The last observation made, with its fingerprint; null before the first. */
  private Engine.Observation lastObservation() {
    return lastDescribed == null ? null : lastDescribed.observation();
  }

  /** The last plan and what it was made from (compared by identity where marked). */
  private record PlanMemo(
      DesiredState desired, // identity
      String commit,
      Engine.Observation observation, // identity
      Set<String> backedOff,
      Map<String, Instant> due,
      Plan plan,
      String markdown) {
    boolean answers(
        DesiredState d, String c, Engine.Observation o, Set<String> b, Map<String, Instant> u) {
      return desired == d
          && observation == o
          && Objects.equals(commit, c)
          && backedOff.equals(b)
          && due.equals(u);
    }
  }

  private PlanMemo planMemo;

  /** The last drift report and what it was made from (by identity). */
  private record DriftMemo(
      DesiredState desired, String commit, Engine.Observation observation, DriftReport report) {
    boolean answers(DesiredState d, String c, Engine.Observation o) {
      return desired == d && observation == o && Objects.equals(commit, c);
    }
  }

  private DriftMemo driftMemo;

  /** The nodes this cycle's observeChanges and widen probed; null when it observed all. */
  private Set<String> probed;

  /** The snapshot clock's decision and the cycle instant it was made for (decision 040). */
  private Instant clockAt;

  private SnapshotClock.Decision clockDecision;

  /** The nodes the last apply may have changed, for the observation after it; null: all. */
  private Set<String> touched;

  /** The fire each volume's previous plan took a scheduled snapshot for (decision 028). */
  private Map<String, Instant> attempted = Map.of();

  public EngineCycleSteps(Engine engine) {
    this.engine = engine;
  }

  @Override
  public Validation<DesiredState> validate(String commit, Map<String, byte[]> manifestFiles) {
    LoadResult r = ManifestLoader.loadBytes(manifestFiles, parsed);
    if (r instanceof LoadResult.Valid v) {
      lastValid = new Engine.Desired(v.state(), commit);
      return new Validation.Valid<>(v.state());
    }
    List<ValidationError> errors = new ArrayList<>();
    for (Diagnostic d : ((LoadResult.Invalid) r).errors()) {
      errors.add(
          new ValidationError(
              d.origin().file(), d.origin().line(), d.origin().column(), d.message()));
    }
    return new Validation.Invalid<>(errors);
  }

  /**
   * Observes the nodes of the last valid commit (the one in force while a newer one is invalid).
   */
  @Override
  public CycleObservation<ObservedState> observe() {
    probed = null;
    return described(engine.observeDescribed(lastValid.state(), Map.of(), lastDescribed));
  }

  private CycleObservation<ObservedState> described(Engine.Described d) {
    if (d != lastDescribed) {
      ObservedState state = d.observation().state();
      lastDescribed = d;
      lastSeen = new CycleObservation<>(state, d.json(), state.unreachable());
    }
    return lastSeen;
  }

  /**
   * A new commit's observation, answered from the last one but for what the commit touches
   * (decision 040): when only volumes and snapshots changed, the nodes holding an object of a
   * changed volume and those it names are probed again. Nodes, pools or templates that changed
   * decide what every node is probed for: then everything is observed.
   */
  @Override
  public CycleObservation<ObservedState> observeChanges(DesiredState before, DesiredState after) {
    Engine.Described last = lastDescribed;
    if (last == null
        || after != lastValid.state()
        || !before.nodes().equals(after.nodes())
        || !before.pools().equals(after.pools())
        || !before.templates().equals(after.templates())) {
      return observe();
    }
    ObservedState base = last.observation().state();
    Set<String> nodes = ChangedVolumes.nodes(before, after, base);
    CycleObservation<ObservedState> seen = described(engine.observeAgain(after, base, nodes, last));
    probed = nodes;
    return seen;
  }

  /**
   * The nodes the plan needs that this cycle's {@link #observeChanges} did not probe, probed now:
   * those a change runs on (a new replica's node) and those holding an object of a volume it
   * changes. Null when there are none, or when this cycle observed everything.
   */
  @Override
  public CycleObservation<ObservedState> widen(
      CycleObservation<ObservedState> observed, PlanOutcome plan) {
    if (probed == null) {
      return null;
    }
    Set<String> needed = touched(plan.plan(), observed.state());
    needed.removeAll(probed);
    needed.removeAll(observed.unreachable().keySet());
    if (needed.isEmpty()) {
      return null;
    }
    probed.addAll(needed);
    return described(
        engine.observeAgain(lastValid.state(), observed.state(), needed, lastDescribed));
  }

  /**
   * As {@link #observe()}, leaving the nodes {@code before} found unknown unprobed. After an apply,
   * only the nodes it may have changed are observed again: those its changes ran on and every node
   * holding an object of a volume it changed (DRBD peers see a new connection, an NVMe target a new
   * host). Every other node is as this cycle's observation saw it, which is what it planned against
   * (decision 036).
   */
  @Override
  public CycleObservation<ObservedState> reobserve(CycleObservation<ObservedState> before) {
    Set<String> only = touched;
    touched = null;
    return described(
        only == null
            ? engine.observeDescribed(lastValid.state(), before.unreachable(), lastDescribed)
            : engine.observeAgain(lastValid.state(), before.state(), only, lastDescribed));
  }

  @Override
  public PlanOutcome plan(PlanRequest<DesiredState, ObservedState> request) {
    Engine.Desired desired = new Engine.Desired(request.desired(), request.commit());
    Engine.Observation o = observation(request.observed());
    // The planner applies the blast-radius guard and holds back volumes that back off (refusals
    // say why), so the plan it returns is the plan applied.
    Map<String, String> schedules = schedules(request.desired());
    // a plan made again in the same cycle (after widen) decides the same snapshots: deciding
    // again would take the first decision for a failed attempt
    if (request.now() == null || !request.now().equals(clockAt)) {
      clockDecision = clock(request, schedules, o);
      clockAt = request.now();
    }
    SnapshotClock.Decision clock = clockDecision;
    PlanMemo m = planned(desired, o, request.backedOff(), clock.due());
    return new PlanOutcome(m.plan(), m.markdown(), schedules.keySet(), clock.missed());
  }

  /** The plan of these inputs: the last one when they are the last plan's (decision 038). */
  private PlanMemo planned(
      Engine.Desired desired,
      Engine.Observation o,
      Set<String> backedOff,
      Map<String, Instant> due) {
    // the planner is a function of these inputs: the same inputs, the same plan
    PlanMemo m = planMemo;
    if (m == null || !m.answers(desired.state(), desired.commit(), o, backedOff, due)) {
      Plan plan = engine.plan(desired, o, false, backedOff, due);
      m =
          new PlanMemo(
              desired.state(),
              desired.commit(),
              o,
              Set.copyOf(backedOff),
              Map.copyOf(due),
              plan,
              PlanFormats.markdown(plan, engine.preview()));
      planMemo = m;
    }
    return m;
  }

  @Override
  public Map<String, String> schedules(DesiredState desired) {
    Map<String, String> out = new TreeMap<>();
    for (Volume v : desired.volumes().values()) {
      if (v.snapshots() != null) {
        out.put(v.name(), v.snapshots().schedule());
      }
    }
    return out;
  }

  /**
   * Which schedules are due and which missed fires, by the daemon's clock. Only a daemon that
   * applies takes scheduled snapshots: plan-only and one-shot plans show retention alone.
   */
  private SnapshotClock.Decision clock(
      PlanRequest<DesiredState, ObservedState> request,
      Map<String, String> schedules,
      Engine.Observation o) {
    if (request.now() == null || !request.applyAllowed() || schedules.isEmpty()) {
      attempted = Map.of();
      return new SnapshotClock.Decision(new TreeMap<>(), new TreeMap<>());
    }
    ObservedIndex idx = ObservedIndex.of(o.state());
    Map<String, Instant> newest = new TreeMap<>();
    for (String volume : schedules.keySet()) {
      ScheduledSnapshots.newest(idx, volume).ifPresent(t -> newest.put(volume, t));
    }
    SnapshotClock.Decision d =
        SnapshotClock.decide(
            schedules,
            newest,
            attempted,
            request.now(),
            request.activeSince() == null ? request.now() : request.activeSince());
    attempted = Map.copyOf(d.due());
    return d;
  }

  @Override
  public ApplySummary apply(PlanOutcome outcome) {
    Plan plan = outcome.plan();
    Engine.Observation before = lastObservation();
    touched = before == null ? null : touched(plan, before.state());
    // no verification pass here: the cycle observes again after apply (reobserve) anyway
    io.strata.executors.run.RunReport applied = engine.run(plan);
    Map<String, Change> byId = new HashMap<>();
    plan.changes().forEach(c -> byId.put(c.id(), c));
    List<ApplySummary.ChangeResult> results = new ArrayList<>();
    for (ChangeResult r : applied.changes()) {
      Change c = byId.get(r.id());
      results.add(
          new ApplySummary.ChangeResult(
              r.id(), c.volume(), c.action(), outcome(r.status()), r.message()));
    }
    return new ApplySummary(results);
  }

  /** The nodes the plan's changes run on, and every node holding an object of their volumes. */
  static Set<String> touched(Plan plan, ObservedState before) {
    Set<String> nodes = new TreeSet<>();
    Set<String> volumes = new TreeSet<>();
    for (Change c : plan.changes()) {
      nodes.add(c.node());
      volumes.add(c.volume());
    }
    if (!volumes.isEmpty()) {
      ObservedIndex idx = ObservedIndex.of(before);
      volumes.forEach(v -> nodes.addAll(idx.nodes(v)));
    }
    return nodes;
  }

  @Override
  public StatusModel status(DesiredState desired, CycleObservation<ObservedState> observed) {
    return StatusFacts.of(desired == null ? DesiredState.empty() : desired, observed.state());
  }

  @Override
  public DriftReport drift(DesiredState desired, CycleObservation<ObservedState> observed) {
    Engine.Desired d = new Engine.Desired(desired, lastValid.commit());
    Engine.Observation o = observation(observed);
    DriftMemo m = driftMemo;
    if (m != null && m.answers(desired, d.commit(), o)) {
      return m.report();
    }
    DriftReport report =
        new DriftReport(engine.drift(d, o).items(), CapacityGauges.of(desired, observed.state()));
    driftMemo = new DriftMemo(desired, d.commit(), o, report);
    return report;
  }

  private Engine.Observation observation(CycleObservation<ObservedState> o) {
    Engine.Observation last = lastObservation();
    if (last != null && (last.state() == o.state() || last.state().equals(o.state()))) {
      return last;
    }
    return new Engine.Observation(o.state(), Fingerprint.of(o.state()));
  }

  private static ApplySummary.Outcome outcome(ChangeStatus s) {
    return switch (s) {
      case SUCCEEDED -> ApplySummary.Outcome.APPLIED;
      case FAILED -> ApplySummary.Outcome.FAILED;
      case SKIPPED -> ApplySummary.Outcome.SKIPPED;
    };
  }
}
