package io.strata.reconciler.cli;

import io.strata.planner.observed.ObservedState;
import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.daemon.Daemon;
import io.strata.reconciler.daemon.Fleet;
import io.strata.reconciler.engine.Engine;
import io.strata.reconciler.engine.EngineCycleSteps;
import io.strata.reconciler.logging.LogSettings;
import io.strata.reconciler.metrics.CopyGauge;
import io.strata.reconciler.web.WebDaemonView;
import io.strata.schema.model.DesiredState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code strata daemon}: the GitOps loop, until SIGTERM. */
@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    description = {
      "Run the GitOps loop: poll Git (and /hooks/git), reconcile, detect drift, write status to the"
          + " status branch, send alerts. Stops gracefully on SIGTERM."
    })
final class DaemonCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ConfigOptions config;

  @Override
  public Integer call() throws InterruptedException {
    StrataConfig cfg = config.loadAll();
    if (cfg.logging().format() == LogSettings.LogFormat.json) {
      LogSettings.jsonLines(); // for journald/Loki: one JSON object per line on stderr
    }
    if (!cfg.repositories().isEmpty()) {
      return fleet(cfg);
    }
    try (Engine engine = Engine.open(cfg)) {
      Daemon<DesiredState, ObservedState> daemon =
          new Daemon<>(
              cfg,
              new EngineCycleSteps(engine),
              Daemon.Options.defaults(cfg),
              new WebDaemonView<>(Clock.systemUTC()));
      engine.observeRuns(new CopyGauge(daemon.metrics()));
      if (cfg.ha() != null) {
        engine.fence(daemon::mayApply); // nothing reaches a node unless this instance leads
      }
      daemon.start();
      daemon.installShutdownHook();
      spec.commandLine()
          .getErr()
          .printf(
              "strata daemon%s: watching %s (branch %s), status to %s, http://%s:%d (/healthz,"
                  + " /metrics, /hooks/git)%n",
              cfg.ha() == null ? "" : " " + cfg.ha().instanceId() + " (ha: standby until it leads)",
              cfg.git().url(),
              cfg.git().branch(),
              cfg.git().statusBranch(),
              cfg.http().bind(),
              daemon.httpPort());
      spec.commandLine().getErr().flush();
      daemon.awaitStop();
      return ExitCodes.OK;
    }
  }

  /**
   * {@code repositories:}: a daemon per repository (its own engine, simulated cluster, Git mirror
   * and, with {@code ha:}, its own election), one HTTP listener for all.
   */
  private Integer fleet(StrataConfig cfg) throws InterruptedException {
    List<Engine> engines = new ArrayList<>();
    try {
      List<Daemon<DesiredState, ObservedState>> members = new ArrayList<>();
      Daemon.Options defaults = Daemon.Options.defaults(cfg);
      for (StrataConfig.Repository r : cfg.repositories()) {
        StrataConfig rc = cfg.forRepository(r);
        Engine engine = Engine.open(rc);
        engines.add(engine);
        Daemon.Options o =
            new Daemon.Options(
                defaults.stateDir().resolve(r.name()),
                defaults.clock(),
                defaults.backoff(),
                defaults.delivery(),
                defaults.shutdownWait(),
                defaults.secrets());
        Daemon<DesiredState, ObservedState> d =
            new Daemon<>(
                rc,
                new EngineCycleSteps(engine),
                o,
                new WebDaemonView<>(Clock.systemUTC()),
                r.name());
        engine.observeRuns(new CopyGauge(d.metrics()));
        if (cfg.ha() != null) {
          engine.fence(d::mayApply);
        }
        members.add(d);
      }
      Fleet fleet = new Fleet(cfg, members, defaults.secrets());
      fleet.start();
      fleet.installShutdownHook();
      spec.commandLine()
          .getErr()
          .printf(
              "strata daemon%s: %d repositories (%s), http://%s:%d (/healthz, /metrics,"
                  + " /hooks/git, /repositories/NAME/)%n",
              cfg.ha() == null ? "" : " " + cfg.ha().instanceId() + " (ha)",
              members.size(),
              String.join(
                  ", ", cfg.repositories().stream().map(StrataConfig.Repository::name).toList()),
              cfg.http().bind(),
              fleet.httpPort());
      spec.commandLine().getErr().flush();
      fleet.awaitStop();
      return ExitCodes.OK;
    } finally {
      engines.forEach(Engine::close);
    }
  }
}
