package io.strata.reconciler.daemon;

import io.strata.reconciler.alert.AlertDispatcher;
import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.git.GitSource;
import io.strata.reconciler.git.SecretReader;
import io.strata.reconciler.ha.HaCluster;
import io.strata.reconciler.ha.HaDatabase;
import io.strata.reconciler.ha.Lease;
import io.strata.reconciler.http.HttpEndpoints;
import io.strata.reconciler.http.WebhookAuth;
import io.strata.reconciler.metrics.StrataMetrics;
import io.strata.reconciler.schedule.Backoff;
import io.strata.reconciler.schedule.CoalescingWorker;
import io.strata.reconciler.schedule.Triggers;
import io.strata.reconciler.schedule.Work;
import io.strata.reconciler.status.StatusWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GitOps daemon ({@code strata daemon}). Construct it with the configuration and the storage
 * steps, {@link #start()} it, and {@link #stop()} it (or let the SIGTERM hook from {@link
 * #installShutdownHook()} do so): triggers stop, the running cycle finishes (bounded wait) and
 * writes its status, the HTTP listener closes, queued alerts get a last chance.
 */
public final class Daemon<D, O> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

  /**
   * Settings that are not in {@code strata.yaml}: where the Git mirror lives, the clock, the
   * backoff, alert delivery bounds, how long shutdown waits for a running cycle, and how secrets
   * are read.
   */
  public record Options(
      Path stateDir,
      Clock clock,
      Backoff backoff,
      AlertDispatcher.Delivery delivery,
      Duration shutdownWait,
      SecretReader secrets) {
    /** State under {@code <config folder>/.strata/daemon}, system clock, standard bounds. */
    public static Options defaults(StrataConfig cfg) {
      return new Options(
          cfg.baseDir().resolve(".strata").resolve("daemon"),
          Clock.systemUTC(),
          Backoff.standard(),
          AlertDispatcher.Delivery.DEFAULT,
          Duration.ofMinutes(2),
          SecretReader.system(cfg.baseDir()));
    }
  }

  private final StrataConfig config;
  private final CycleSteps<D, O> steps;
  private final DaemonView<D, O> view;
  private final Options options;
  private final String name; // a repository of repositories:, or null (the single git: form)
  private final StrataMetrics metrics;
  private final DaemonState<D> state = new DaemonState<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private GitSource source;
  private AlertDispatcher dispatcher;
  private CoalescingWorker worker;
  private Triggers triggers; // guarded by triggerLock: the HA lead thread starts and stops them
  private final Object triggerLock = new Object();
  private HaCluster ha; // null without ha:
  private io.strata.reconciler.ha.Spread spread; // with repositories: and ha:, set by the Fleet
  private final java.util.concurrent.atomic.AtomicBoolean busy =
      new java.util.concurrent.atomic.AtomicBoolean();
  private HttpEndpoints http;
  private ReconcileCycle<D, O> cycle;
  private DriftCheck<D, O> drift;
  private volatile boolean running;

  public Daemon(StrataConfig config, CycleSteps<D, O> steps, Options options) {
    this(config, steps, options, null);
  }

  /** A daemon that also serves {@code view} at {@code /} (null: none). */
  public Daemon(
      StrataConfig config, CycleSteps<D, O> steps, Options options, DaemonView<D, O> view) {
    this(config, steps, options, view, null);
  }

  /**
   * One repository of a multi-repository deployment ({@code repositories:}), named {@code name}
   * (null: the single {@code git:} form). Such a daemon opens no HTTP listener of its own: its
   * {@link Fleet} serves {@link #health()}, {@link #pushed}, {@link #metrics()} and its view for
   * all the repositories on one listener. Its metrics carry {@code repository="<name>"}.
   */
  public Daemon(
      StrataConfig config,
      CycleSteps<D, O> steps,
      Options options,
      DaemonView<D, O> view,
      String name) {
    this.name = name;
    this.metrics = new StrataMetrics(name);
    this.config = config;
    // the view sees what the steps returned, without the cycle knowing about it
    this.view = view;
    this.steps = view == null ? steps : view.watch(steps);
    this.options = options;
  }

  /**
   * Opens the Git mirror, starts alert delivery, the worker, the HTTP listener and the Quartz
   * triggers (the first cycle runs at once). Throws {@link
   * io.strata.reconciler.config.ConfigException} for unusable settings (e.g. an unreadable
   * git.verify.trustedKeys file).
   */
  public synchronized void start() {
    if (running) {
      throw new IllegalStateException("daemon already started");
    }
    Clock clock = options.clock();
    source = GitSource.open(config, options.stateDir(), options.secrets());
    StatusWriter writer = new StatusWriter(source, config.git().statusBranch(), clock, 5);
    dispatcher =
        new AlertDispatcher(AlertDispatcher.sinks(config.alerts()), options.delivery(), metrics);
    DriftAlerts alerts = new DriftAlerts(dispatcher, metrics, config.capacityThreshold());
    boolean apply = config.reconcile().mode() == StrataConfig.Mode.APPLY;
    cycle =
        new ReconcileCycle<>(
            steps,
            source,
            writer,
            options.backoff(),
            metrics,
            alerts,
            clock,
            apply,
            state,
            this::mayApply,
            config.ha() == null ? null : config.ha().instanceId());
    worker = new CoalescingWorker(this::runWork);
    cycle.onSchedules(this::schedules);
    cycle.observeChangesWithin(config.git().pollInterval());
    drift =
        new DriftCheck<>(
            steps,
            alerts,
            metrics,
            config.reconcile().heal(),
            clock,
            state,
            () -> worker.request(Work.RECONCILE));
    String secret =
        config.git().webhookSecret() == null
            ? null
            : options.secrets().read(config.git().webhookSecret());
    try {
      http =
          name != null
              ? null
              : new HttpEndpoints(
                  config.http().bind(),
                  config.http().port(),
                  config.http().readTimeout(),
                  config.git().branch(),
                  new WebhookAuth(secret, config.http().allowUnauthenticatedWebhook()),
                  this::pushed,
                  this::health,
                  metrics);
    } catch (IOException e) {
      dispatcher.close(Duration.ZERO);
      worker.stop(Duration.ZERO);
      source.close();
      throw new UncheckedIOException(
          "cannot listen on " + config.http().bind() + ":" + config.http().port(), e);
    }
    if (view != null && http != null) {
      http.mount("/", view.handler(this::facts));
    }
    running = true;
    if (config.ha() == null) {
      startTriggers();
    } else {
      joinCluster();
    }
    LOG.info(
        "strata daemon watching {} ({}){}",
        source.url(),
        config.git().branch(),
        http == null
            ? " as repository " + name
            : ", http on " + config.http().bind() + ":" + http.port());
  }

  private void joinCluster() {
    try {
      HaDatabase db = HaDatabase.of(config.ha(), options.secrets());
      ha =
          HaCluster.join(
              config.ha(),
              db,
              repository(),
              new HaCluster.Roles() {
                @Override
                public void active() {
                  state.resumed = false; // read the status branch afresh: another instance wrote it
                  metrics.instanceActive(true);
                  startTriggers();
                }

                @Override
                public void standby() {
                  metrics.instanceActive(false);
                  stopTriggers();
                }

                @Override
                public boolean idle() {
                  return !busy.get();
                }
              },
              spread);
      metrics.instanceActive(false);
    } catch (RuntimeException e) {
      running = false;
      if (http != null) {
        http.close();
      }
      dispatcher.close(Duration.ZERO);
      worker.stop(Duration.ZERO);
      source.close();
      throw e;
    }
  }

  /** The repository this daemon reconciles, as the HA cluster and /healthz name it. */
  private String repository() {
    String p = config.git().path();
    return config.git().url() + "#" + config.git().branch() + (p.isEmpty() ? "" : ":" + p);
  }

  private void startTriggers() {
    synchronized (triggerLock) {
      if (triggers == null && running) {
        state.activeSince = options.clock().instant();
        triggers =
            new Triggers(worker, config.git().pollInterval(), config.reconcile().driftInterval());
        triggers.schedules(schedules);
      }
    }
  }

  private Map<String, String> schedules = Map.of(); // guarded by triggerLock

  /** The snapshot schedules in force: a cron trigger per volume fires a cycle (decision 028). */
  private void schedules(Map<String, String> cronByVolume) {
    synchronized (triggerLock) {
      schedules = Map.copyOf(cronByVolume);
      LOG.info("snapshot schedules (UTC): {}", new java.util.TreeMap<>(schedules));
      if (triggers != null) {
        triggers.schedules(schedules);
      }
    }
  }

  private void stopTriggers() {
    synchronized (triggerLock) {
      if (triggers != null) {
        triggers.close();
        triggers = null;
      }
    }
  }

  /** Whether this instance runs cycles: always without HA, while it leads with HA. */
  public boolean active() {
    return ha == null || ha.active();
  }

  /**
   * The fence: whether this instance may apply a change (or write status) right now. Always without
   * HA; with HA only while it holds an unexpired lease. The engine asks it before every change.
   */
  public boolean mayApply() {
    return ha == null || ha.mayApply();
  }

  /** This instance's name (ha.instanceId), or null without HA. */
  public String instanceId() {
    return ha == null ? null : ha.instanceId();
  }

  /**
   * A push for this repository's branch: queues a cycle on the active instance (a standby leaves
   * pushes to the active one, which polls anyway). A push whose {@code after} commit a cycle has
   * already fetched (the running one, or the last) queues nothing: that cycle reconciles it, and a
   * burst of pushes costs one cycle per head actually seen, not one per webhook. Returns whether a
   * new cycle was queued.
   */
  public boolean pushed(io.strata.reconciler.http.PushEvent push) {
    if (push.after() != null && push.after().equals(state.observedCommit)) {
      return false;
    }
    return active() && worker.request(Work.RECONCILE);
  }

  /** Keeps this instance to its share of the deployment's repositories (before {@link #start}). */
  void spreadWith(io.strata.reconciler.ha.Spread s) {
    this.spread = s;
  }

  /** The repository as the HA cluster names it. */
  String haRepository() {
    return repository();
  }

  /** This repository's name in a multi-repository deployment, or null. */
  public String name() {
    return name;
  }

  /** The branch this daemon follows (webhook pushes for it trigger a cycle). */
  public String branch() {
    return config.git().branch();
  }

  /** The web view's handler for this repository (null without a view). */
  public com.sun.net.httpserver.HttpHandler viewHandler() {
    return view == null ? null : view.handler(this::facts);
  }

  /** The instance holding this repository's lease (null without HA, or when none holds it). */
  public String activeInstance() {
    if (ha == null) {
      return null;
    }
    if (ha.active()) {
      return ha.instanceId();
    }
    return ha.holder().filter(Lease.Holder::live).map(Lease.Holder::instanceId).orElse(null);
  }

  /** /healthz for this repository: healthy, its role, the active instance. */
  public HttpEndpoints.Health health() {
    Instant now = options.clock().instant();
    String holder = null;
    boolean reachable = true;
    if (ha != null) {
      var h = ha.holder();
      reachable = h.isPresent() || ha.active();
      holder = h.filter(Lease.Holder::live).map(Lease.Holder::instanceId).orElse(null);
    }
    return Health.of(
        state,
        config.git().pollInterval(),
        now,
        running,
        new Health.Role(
            ha == null ? null : ha.instanceId(),
            active(),
            name != null ? name : repository(),
            holder,
            reachable));
  }

  /** What a view needs of the daemon's own state (read from the HTTP threads). */
  private DaemonFacts facts() {
    DaemonState.Good<D> g = state.lastGood;
    return new DaemonFacts(
        g == null ? null : g.commit(),
        state.observedCommit,
        state.lastAppliedCommit,
        state.lastAttemptedCommit,
        state.lastCycleResult,
        state.lastCycleEnd,
        state.lastCycleError,
        activeInstance());
  }

  private void runWork(Work w) {
    if (!mayApply()) {
      // a cycle queued before this instance lost its lease (or paused): the active instance
      // reconciles; a fenced cycle would only see unreachable nodes and alert about them
      LOG.info("{} skipped: this instance is not the active one", w);
      return;
    }
    busy.set(true);
    try {
      switch (w) {
        case RECONCILE -> cycle.run();
        case DRIFT -> drift.run();
      }
    } finally {
      busy.set(false);
    }
  }

  /** Asks for a reconcile cycle now (coalesced); returns false if one was already pending. */
  public boolean requestCycle() {
    return worker.request(Work.RECONCILE);
  }

  /** Asks for a drift check now (coalesced). */
  public boolean requestDriftCheck() {
    return worker.request(Work.DRIFT);
  }

  /** Cycles run to the end so far. */
  public long cyclesCompleted() {
    return worker.completed(Work.RECONCILE);
  }

  public long driftChecksCompleted() {
    return worker.completed(Work.DRIFT);
  }

  public StrataMetrics metrics() {
    return metrics;
  }

  /** The HTTP port actually bound (for {@code http.port: 0}); -1 for a member of a fleet. */
  public int httpPort() {
    return http == null ? -1 : http.port();
  }

  /** The commit in force (last valid one), or null before the first. */
  public String lastGoodCommit() {
    DaemonState.Good<D> g = state.lastGood;
    return g == null ? null : g.commit();
  }

  /** Registers a JVM shutdown hook (SIGTERM, SIGINT) that stops the daemon gracefully. */
  public void installShutdownHook() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "strata-shutdown"));
  }

  /**
   * Graceful stop: no new triggers, the running cycle finishes within {@code shutdownWait} (its
   * status is written in its own {@code finally}), HTTP closes, alerts flush. Idempotent.
   */
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    LOG.info("stopping: waiting up to {} for the running cycle", options.shutdownWait());
    stopTriggers();
    boolean finished = worker.stop(options.shutdownWait());
    if (!finished) {
      LOG.warn("the running cycle did not finish in time; it is abandoned and runs again on start");
    }
    if (ha != null) {
      // after the cycle: the lease stays ours (renewed) until the cycle has written its status
      ha.close();
    }
    if (http != null) {
      http.close();
    }
    dispatcher.close(Duration.ofSeconds(5));
    source.close();
    stopped.countDown();
    LOG.info("stopped");
  }

  /** Blocks until {@link #stop()} has completed. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  @Override
  public void close() {
    stop();
  }
}
