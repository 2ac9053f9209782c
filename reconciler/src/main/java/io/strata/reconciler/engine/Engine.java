package io.strata.reconciler.engine;

import io.strata.executors.luks.Pbkdf;
import io.strata.executors.run.PlanRunner;
import io.strata.executors.run.Progress;
import io.strata.executors.run.RunReport;
import io.strata.executors.stack.ExecutorCommandPreview;
import io.strata.executors.stack.LayerExecutors;
import io.strata.planner.Planner;
import io.strata.planner.fingerprint.Fingerprint;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.CommandPreview;
import io.strata.planner.plan.Plan;
import io.strata.planner.policy.Policy;
import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.drift.Drift;
import io.strata.reconciler.drift.DriftClassifier;
import io.strata.schema.model.DesiredState;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * One session with a cluster: where the manifests are, how to reach each node, and the steps of a
 * reconcile (observe, plan, apply, verify). The one-shot commands and the daemon both use it.
 */
public final class Engine implements AutoCloseable {
  /**
   * A validated desired state, the commit it came from (null outside Git) and the repository it was
   * read from ({@code --repo}; null for {@code git.url}), where the status branch is read too.
   */
  public record Desired(DesiredState state, String commit, String repo) {
    public Desired(DesiredState state, String commit) {
      this(state, commit, null);
    }
  }

  /** An observed state and its fingerprint (what a saved plan is checked against). */
  public record Observation(ObservedState state, String fingerprint) {}

  /** A plan with what it was made from. */
  public record Planned(Desired desired, Observation observation, Plan plan) {}

  /**
   * The outcome of an apply: the runner's report, one line per failed or skipped change, the
   * changes a fresh plan still wants afterwards (empty when converged), and a one-line summary.
   */
  public record Applied(
      RunReport report, List<String> failures, List<Change> remaining, String summary) {}

  private final StrataConfig config;
  private final Nodes nodes;
  private final LayerExecutors executors;
  private final Progress progress;
  private volatile Progress observer = Progress.NONE;
  private BooleanSupplier fence = () -> true;

  /** The renderings of the last described observation's nodes, reused for the next (038, 040). */
  private final Fingerprint.Pieces pieces = new Fingerprint.Pieces();

  private Engine(StrataConfig config, Nodes nodes, LayerExecutors executors, Progress progress) {
    this.config = config;
    this.nodes = nodes;
    this.executors = executors;
    this.progress = progress;
  }

  public static Engine open(StrataConfig config) {
    return open(config, Map.of());
  }

  /**
   * Opens an engine. {@code secretOverrides} supplies values for {@code env:} references (the
   * demo's passphrase; tests) ahead of the process environment.
   */
  public static Engine open(StrataConfig config, Map<String, String> secretOverrides) {
    return open(config, secretOverrides, Nodes.Access.READ_WRITE);
  }

  /** An engine that shows each applied change through {@code progress} ({@code strata apply}). */
  public static Engine open(StrataConfig config, Progress progress) {
    return open(config, Map.of(), Nodes.Access.READ_WRITE, progress);
  }

  /** An engine that only looks ({@code plan}): the simulated cluster's state is not written. */
  public static Engine openReadOnly(StrataConfig config) {
    return open(config, Map.of(), Nodes.Access.READ_ONLY);
  }

  /** An engine for {@code strata sim reset}: opens the simulation despite changed seeds. */
  public static Engine openForSimReset(StrataConfig config) {
    return open(config, Map.of(), Nodes.Access.RESET);
  }

  private static Engine open(
      StrataConfig config, Map<String, String> secretOverrides, Nodes.Access access) {
    return open(config, secretOverrides, access, Progresses.forTerminal());
  }

  private static Engine open(
      StrataConfig config,
      Map<String, String> secretOverrides,
      Nodes.Access access,
      Progress progress) {
    Secrets secrets = Secrets.create(config, secretOverrides);
    LayerExecutors executors =
        new LayerExecutors(
            secrets.resolver(),
            secrets.clusterKey(),
            Pbkdf.DEFAULT,
            config.reconcile().probeTimeout());
    Nodes nodes = Nodes.create(config, access);
    if (!config.simulation().nodes().isEmpty()) {
      nodes.simulation(); // a contradicting simulation.nodes is a config error, not unknown nodes
    }
    return new Engine(config, nodes, executors, progress);
  }

  public StrataConfig config() {
    return config;
  }

  /**
   * Fences this engine (the daemon with {@code ha:}): before each change, and each command on a
   * node, {@code fence} is asked; once it answers false nothing more is applied. Call before the
   * first observation.
   */
  public void fence(BooleanSupplier fence) {
    this.fence = Objects.requireNonNull(fence);
    nodes.fence(fence);
  }

  /**
   * The manifests from {@code repo} (default {@code git.url}; relative to the current directory) at
   * {@code ref} (default: a local folder's files, else {@code git.branch}).
   */
  public Desired desired(String repo, String ref) {
    Desired d = ManifestSource.read(config, repo, ref);
    return new Desired(d.state(), d.commit(), repo);
  }

  /** Observes every node of the desired state (in parallel); a node that fails is unknown. */
  public Observation observe(DesiredState desired) {
    return observe(desired, Map.of());
  }

  /**
   * As {@link #observe(DesiredState)}, but the nodes of {@code unknown} (node → why) are not probed
   * again: they stay unknown with that reason (a second pass of one cycle).
   */
  public Observation observe(DesiredState desired, Map<String, String> unknown) {
    ObservedState state = new ClusterObserver(nodes, executors, config).observe(desired, unknown);
    return new Observation(state, Fingerprint.of(state));
  }

  /** An observation and its canonical JSON ({@code status/observed.json}), for the daemon. */
  public record Described(Observation observation, String json) {}

  /**
   * As {@link #observe(DesiredState, Map)}, with the JSON made from the same tree. A cluster just
   * as {@code previous} (nullable) described it gets {@code previous} itself: the same JSON and
   * fingerprint, without making them again (decision 038).
   */
  public Described observeDescribed(
      DesiredState desired, Map<String, String> unknown, Described previous) {
    return describe(observer(previous).observe(desired, unknown), previous);
  }

  /**
   * {@code before} with the nodes of {@code only} observed again: after an apply, the nodes it
   * changed (decision 036). The other nodes keep what {@code before} saw. {@code previous} as for
   * {@link #observeDescribed}.
   */
  public Described observeAgain(
      DesiredState desired, ObservedState before, Set<String> only, Described previous) {
    return describe(observer(previous).observeAgain(desired, before, only), previous);
  }

  /** An observer that reuses what {@code previous} (nullable) saw of a node seen the same. */
  private ClusterObserver observer(Described previous) {
    return new ClusterObserver(
        nodes,
        executors,
        config,
        previous == null ? Map.of() : previous.observation().state().nodes());
  }

  private Described describe(ObservedState state, Described previous) {
    // equal records hold equal values, and the JSON and fingerprint are functions of the values
    if (previous != null && previous.observation().state().equals(state)) {
      return previous;
    }
    Fingerprint.Canonical c;
    synchronized (pieces) {
      c = pieces.canonical(state);
    }
    return new Described(new Observation(state, c.fingerprint()), c.json());
  }

  private Policy policy(boolean prune, boolean overrideGuard) {
    return new Policy(
            prune || config.reconcile().prune(),
            config.reconcile().heal(),
            config.reconcile().maxDestroyFraction(),
            overrideGuard)
        .withSyncRate(config.reconcile().syncRate());
  }

  /** Plans {@code desired} against the cluster (or the status branch's snapshot). */
  public Planned planFor(Desired desired, boolean fromStatus, boolean prune) {
    return planFor(desired, fromStatus, prune, false);
  }

  /**
   * As {@link #planFor(Desired, boolean, boolean)}; {@code overrideGuard} lets the plan destroy
   * more than {@code maxDestroyFraction} of the volumes at once (the operator said so explicitly
   * with {@code --override-guard}).
   */
  public Planned planFor(
      Desired desired, boolean fromStatus, boolean prune, boolean overrideGuard) {
    Policy policy = policy(prune, overrideGuard);
    Function<Observation, Planned> planned = o -> new Planned(desired, o, plan(desired, o, policy));
    return fromStatus
        ? planned.apply(ObservedFromStatus.read(config, desired.repo()))
        : decide(desired.state(), planned);
  }

  /**
   * Observes the nodes of {@code desired} and makes {@code decision} from what they answered while
   * the last probes may still be exiting (LVM tears down its I/O for ~35 ms after its report is
   * written, decision 045); it is returned once every probe has been confirmed. A node whose probe
   * failed after its answer was read is unknown, and the decision is made again on that — what it
   * would have been had the probe failed first. {@code decision} must be a pure function.
   */
  private <T> T decide(DesiredState desired, Function<Observation, T> decision) {
    ClusterObserver.Seen seen =
        new ClusterObserver(nodes, executors, config).observeTentatively(desired, Map.of());
    T made = decision.apply(new Observation(seen.state(), Fingerprint.of(seen.state())));
    ObservedState stood = seen.confirm();
    return stood == seen.state()
        ? made
        : decision.apply(new Observation(stood, Fingerprint.of(stood)));
  }

  /** The exact commands of each change, for plan renderings. */
  public CommandPreview preview() {
    return new ExecutorCommandPreview(executors);
  }

  /** Plans {@code desired} against an observation already made, with the configured policy. */
  public Plan plan(Desired desired, Observation o, boolean prune) {
    return plan(desired, o, prune, Set.of());
  }

  /** As {@link #plan(Desired, Observation, boolean)}, holding back volumes that back off. */
  public Plan plan(Desired desired, Observation o, boolean prune, Set<String> backedOff) {
    return plan(desired, o, prune, backedOff, Map.of());
  }

  /**
   * As {@link #plan(Desired, Observation, boolean, Set)}, with the volumes whose snapshot schedule
   * is due (the daemon's clock decides, decision 028).
   */
  public Plan plan(
      Desired desired,
      Observation o,
      boolean prune,
      Set<String> backedOff,
      Map<String, java.time.Instant> snapshotsDue) {
    return plan(
        desired, o, policy(prune, false).withBackedOff(backedOff).withSnapshotsDue(snapshotsDue));
  }

  /**
   * The one way this engine plans, for apply and drift alike. An initialization a killed process
   * left half-done is resumed by the planner itself, from the initialization marker it observes on
   * the storage (docs/decisions/005).
   */
  private Plan plan(Desired desired, Observation o, Policy policy) {
    return Planner.plan(desired.state(), o.state(), policy, desired.commit(), o.fingerprint());
  }

  /**
   * Applies a plan with the configured parallelism, then verifies it: observes again and plans
   * {@code desired} (without prune or guard override) — what remains is in {@link
   * Applied#remaining()}.
   */
  public Applied apply(Plan plan, Desired desired) {
    RunReport report = run(plan);
    List<String> failures = Reports.failures(report);
    List<Change> remaining = planFor(desired, false, false).plan().changes();
    return new Applied(report, failures, remaining, report.summary());
  }

  /** {@code observer} also sees every later run (the daemon's copy-progress gauge). */
  public void observeRuns(Progress observer) {
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  /** Applies a plan with the configured parallelism, without verifying it afterwards. */
  public RunReport run(Plan plan) {
    PlanRunner runner =
        new PlanRunner(
            new NodeChangeApplier(nodes, executors),
            PlanRunner.Options.DEFAULT
                .withParallelism(
                    config.reconcile().perNodeParallelism(), config.reconcile().totalParallelism())
                .withFence(fence),
            new TeeProgress(progress, observer));
    RunReport report = runner.run(plan);
    nodes.markInUse();
    return report;
  }

  /**
   * Drift of the cluster against {@code desired}: a heal-everything plan plus replication health.
   */
  public Drift drift(Desired desired) {
    return decide(desired.state(), o -> drift(desired, o));
  }

  /** Drift against an observation already made. */
  public Drift drift(Desired desired, Observation o) {
    Plan healAll = plan(desired, o, new Policy(false, Policy.Heal.ALL, 1.0, false));
    return DriftClassifier.classify(desired.state(), o.state(), healAll);
  }

  /** The simulated cluster of this config; a user error when no simulation is configured. */
  public Simulation simulation() {
    return nodes.simulation();
  }

  @Override
  public void close() {
    nodes.close();
  }
}
