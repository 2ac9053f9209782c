package io.strata.reconciler.cli;

import io.strata.reconciler.drift.Drift;
import io.strata.reconciler.drift.DriftJson;
import io.strata.reconciler.engine.Engine;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata drift}: compare the cluster with Git; exit 0 in sync, 2 when drift is found. */
@Command(
    name = "drift",
    mixinStandardHelpOptions = true,
    description = {
      "List every object that differs from Git, with its class (missing, resized, config,"
          + " degraded, orphaned, unreachable, refused). Changes nothing.",
      "Exit 0 when in sync, 2 when drift is found, 1 on error."
    })
final class DriftCommand implements Callable<Integer> {
  enum Format {
    text,
    json
  }

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ConfigOptions config;
  @Mixin SourceOptions source;

  @Option(names = "--format", defaultValue = "text", description = "text or json")
  Format format;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Engine engine = Engine.openReadOnly(config.load())) {
      Engine.Desired desired = source.desired(engine);
      Drift drift = engine.drift(desired);
      if (format == Format.json) {
        out.print(DriftJson.write(drift, desired.commit()));
      } else if (drift.inSync()) {
        out.println("in sync: the cluster matches the manifests");
      } else {
        out.println("drift: " + drift.items().size() + " object(s) differ from Git");
        drift.items().forEach(i -> out.println("  " + i));
      }
      out.flush();
      return drift.inSync() ? ExitCodes.OK : ExitCodes.CHANGES;
    }
  }
}
