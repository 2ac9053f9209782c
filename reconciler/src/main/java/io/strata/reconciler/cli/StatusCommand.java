package io.strata.reconciler.cli;

import io.strata.reconciler.engine.Engine;
import io.strata.reconciler.engine.StatusReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code strata status}: every volume, where its replicas are, and their state. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show each volume's replicas, device paths and replication state.")
final class StatusCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ConfigOptions config;
  @Mixin SourceOptions source;

  @Override
  public Integer call() {
    try (Engine engine = Engine.open(config.load())) {
      Engine.Desired desired = source.desired(engine);
      StatusReport report =
          StatusReport.of(desired.state(), engine.observe(desired.state()).state());
      spec.commandLine().getOut().print(report.render());
      return ExitCodes.OK;
    }
  }
}
