package io.strata.reconciler.cli;

import io.strata.planner.plan.Plan;
import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.engine.Engine;
import io.strata.reconciler.engine.ObservedFromStatus;
import io.strata.reconciler.engine.PlanFormats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata plan}: what apply would do, as text, Markdown or the JSON contract of §7. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Show what apply would do. Nothing is changed.",
      "Exit 0 when the plan was made, 1 on error.",
      "With --detailed-exitcode: 0 no changes, 1 error or refusals, 2 changes."
    })
final class PlanCommand implements Callable<Integer> {
  enum Format {
    text,
    markdown,
    json
  }

  enum ObservedFrom {
    cluster,
    status
  }

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ConfigOptions config;
  @Mixin SourceOptions source;
  @Mixin ReviewOptions review;

  @Option(names = "--format", defaultValue = "text", description = "text, markdown or json")
  Format format;

  @Option(names = "--out", paramLabel = "FILE", description = "also save the plan (JSON) to FILE")
  Path out;

  @Option(
      names = "--observed-from",
      defaultValue = "cluster",
      description = "cluster (observe the nodes) or status (the snapshot in the status branch)")
  ObservedFrom observedFrom;

  @Option(
      names = "--detailed-exitcode",
      description = "exit 2 when the plan has changes, 1 when it has refusals, 0 when empty")
  boolean detailedExitcode;

  @Option(
      names = "--override-guard",
      description =
          "allow destroying more than reconcile.maxDestroyFraction of the volumes in one plan")
  boolean overrideGuard;

  @Option(names = "--prune", description = "plan deletion of volumes that left Git (policy Delete)")
  boolean prune;

  @Override
  public Integer call() throws Exception {
    StrataConfig cfg = config.load();
    if (observedFrom == ObservedFrom.status) {
      ObservedFromStatus.requireLocal(cfg, source.repo);
    }
    try (Engine engine = Engine.openReadOnly(cfg)) {
      Engine.Planned planned =
          engine.planFor(
              source.desired(engine), observedFrom == ObservedFrom.status, prune, overrideGuard);
      Plan plan = planned.plan();
      if (out != null) {
        Files.writeString(out, PlanFormats.json(plan, engine.preview()), StandardCharsets.UTF_8);
      }
      var w = spec.commandLine().getOut();
      switch (format) {
        case json -> w.print(PlanFormats.json(plan, engine.preview()));
        case markdown -> w.print(PlanFormats.markdown(plan, engine.preview(), review.review()));
        default -> w.print(PlanFormats.text(plan, engine.preview(), review.review()));
      }
      w.flush();
      return detailedExitcode ? detailedExitCode(plan) : ExitCodes.OK;
    }
  }

  /** As terraform's: refusals are an error, so that a PR asking for them fails its check. */
  static int detailedExitCode(Plan plan) {
    if (!plan.refused().isEmpty()) {
      return ExitCodes.ERROR;
    }
    return plan.isEmpty() ? ExitCodes.OK : ExitCodes.CHANGES;
  }
}
