package io.strata.reconciler.cli;

import io.strata.planner.plan.Plan;
import io.strata.reconciler.engine.Engine;
import io.strata.reconciler.engine.PlanFormats;
import io.strata.reconciler.engine.UserError;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code strata apply}: apply a saved plan (refused when the cluster changed since it was made), or
 * plan now and apply after confirmation ({@code --auto-approve} skips it).
 */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Apply a saved plan, or plan and apply now.",
      "Exit 0 when everything applied, 1 on a stale plan, a refusal or a failed change."
    })
final class ApplyCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ConfigOptions config;
  @Mixin SourceOptions source;
  @Mixin ReviewOptions review;

  @Parameters(index = "0", arity = "0..1", paramLabel = "PLAN", description = "a saved plan.json")
  Path planFile;

  @Option(names = "--auto-approve", description = "apply without asking")
  boolean autoApprove;

  @Option(
      names = "--override-guard",
      description =
          "allow destroying more than reconcile.maxDestroyFraction of the volumes in one plan")
  boolean overrideGuard;

  @Option(names = "--prune", description = "delete volumes that left Git (policy Delete)")
  boolean prune;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (Engine engine = Engine.open(config.load())) {
      engine.overrideGuard(overrideGuard);
      Plan plan;
      if (planFile != null) {
        if (!Files.isRegularFile(planFile)) {
          throw new UserError(planFile + ": no such plan file — save one with strata plan --out");
        }
        plan = PlanFormats.read(Files.readString(planFile, StandardCharsets.UTF_8), planFile);
        String now = engine.observe(engine.desired(source.repo, source.ref).state()).fingerprint();
        if (!now.equals(plan.fingerprint())) {
          err.println(
              "strata: stale plan: the cluster changed since "
                  + planFile
                  + " was made (plan "
                  + plan.fingerprint()
                  + ", cluster now "
                  + now
                  + ") — run strata plan again and apply the new plan");
          return ExitCodes.ERROR;
        }
      } else {
        plan = engine.planFor(source.desired(engine), false, prune).plan();
        out.print(PlanFormats.text(plan, engine.preview(), review.review()));
        out.flush();
        if (plan.isEmpty()) {
          return plan.refused().isEmpty() ? ExitCodes.OK : ExitCodes.ERROR;
        }
        if (!autoApprove && !confirmed(out)) {
          err.println("strata: apply cancelled; nothing was changed");
          return ExitCodes.ERROR;
        }
      }
      Engine.Applied applied = engine.apply(plan);
      out.println(applied.summary());
      applied.failures().forEach(err::println);
      if (!applied.remaining().isEmpty()) {
        out.println(
            "not converged yet: "
                + applied.remaining().size()
                + " change(s) remain; run strata apply again or see strata drift");
      }
      boolean ok = applied.failures().isEmpty() && plan.refused().isEmpty();
      return ok ? ExitCodes.OK : ExitCodes.ERROR;
    }
  }

  private static boolean confirmed(PrintWriter out) throws java.io.IOException {
    if (System.console() == null) {
      throw new UserError(
          "refusing to apply without confirmation: not on a terminal — pass --auto-approve or a saved plan");
    }
    out.print("Apply these changes? Only 'yes' will be accepted: ");
    out.flush();
    String line =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    return "yes".equals(line == null ? null : line.strip());
  }
}
