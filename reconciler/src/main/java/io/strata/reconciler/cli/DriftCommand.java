package io.strata.reconciler.cli;

import io.strata.reconciler.engine.Drift;
import io.strata.reconciler.engine.Engine;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code strata drift}: compare the cluster with Git; exit 0 in sync, 2 when drift is found. */
@Command(
    name = "drift",
    mixinStandardHelpOptions = true,
    description = {
      "List every object that differs from Git, and why. Changes nothing.",
      "Exit 0 when in sync, 2 when drift is found, 1 on error."
    })
final class DriftCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ConfigOptions config;
  @Mixin SourceOptions source;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Engine engine = Engine.open(config.load())) {
      Drift drift = engine.drift(source.desired(engine));
      if (drift.items().isEmpty()) {
        out.println("in sync: the cluster matches the manifests");
        return ExitCodes.OK;
      }
      out.println("drift: " + drift.items().size() + " object(s) differ from Git");
      drift.items().forEach(i -> out.println("  " + i));
      return ExitCodes.CHANGES;
    }
  }
}
