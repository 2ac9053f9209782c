package io.strata.reconciler.cli;

import io.strata.planner.observed.ObservedState;
import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.engine.Engine;
import io.strata.reconciler.engine.StatusBranchInstance;
import io.strata.reconciler.engine.StatusReport;
import io.strata.reconciler.engine.UserError;
import io.strata.reconciler.status.StatusModel;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata status [VOLUME]}: every volume, where its replicas are, nodes and pools. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show each volume's replicas, device paths and replication state, the nodes and the pools'"
          + " capacity. Changes nothing.",
      "Exit 0 when shown (whether Ready or not), 1 on error."
    })
final class StatusCommand implements Callable<Integer> {
  enum Format {
    text,
    json
  }

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ConfigOptions config;
  @Mixin SourceOptions source;

  @Parameters(index = "0", arity = "0..1", paramLabel = "VOLUME", description = "only this volume")
  String volume;

  @Option(names = "--format", defaultValue = "text", description = "text or json")
  Format format;

  @Override
  public Integer call() {
    StrataConfig cfg = config.load();
    try (Engine engine = Engine.openReadOnly(cfg)) {
      Engine.Desired desired = source.desired(engine);
      if (volume != null && !desired.state().volumes().containsKey(volume)) {
        throw new UserError("no volume " + volume + " in the manifests");
      }
      ObservedState observed = engine.observe(desired.state()).state();
      StatusReport report = only(StatusReport.of(desired.state(), observed));
      StatusView view =
          StatusView.of(report, observed, volume, cfg.capacityThreshold())
              .withActiveInstance(
                  StatusBranchInstance.read(cfg, source.repo)
                      .map(
                          w ->
                              new StatusView.ActiveInstance(
                                  w.instanceId(), w.committedAt().toString(), w.commit()))
                      .orElse(null));
      PrintWriter out = spec.commandLine().getOut();
      if (format == Format.json) {
        out.print(view.json());
      } else {
        out.print(report.render());
        if (volume == null) {
          out.print(StatusText.nodesAndPools(view));
        }
        if (view.activeInstance() != null) {
          // HA: who reconciles, as the status branch says (its last commit's trailer)
          out.printf(
              "%nActive instance: %s (status committed %s, %s)%n",
              view.activeInstance().instanceId(),
              view.activeInstance().statusCommittedAt(),
              view.activeInstance().statusCommit().substring(0, 12));
        }
      }
      return ExitCodes.OK;
    }
  }

  private StatusReport only(StatusReport all) {
    if (volume == null) {
      return all;
    }
    var volumes = all.facts().volumes().stream().filter(v -> v.name().equals(volume)).toList();
    return new StatusReport(
        all.desired(), new StatusModel(volumes, all.facts().nodes()), all.unknownNodes());
  }
}
