package io.strata.reconciler.cli;

import io.strata.planner.plan.Plan;
import io.strata.reconciler.config.Durations;
import io.strata.reconciler.engine.Convergence;
import io.strata.reconciler.engine.Engine;
import io.strata.reconciler.engine.PlanFormats;
import io.strata.reconciler.engine.Progresses;
import io.strata.reconciler.engine.UserError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

  @Option(
      names = "--wait",
      description =
          "after applying, observe, plan and apply again until nothing remains (evacuation,"
              + " replacement, heals); exit 1 when a change fails, a refusal remains or"
              + " --timeout passes")
  boolean waitConverged;

  @Option(
      names = "--timeout",
      defaultValue = "10m",
      paramLabel = "DURATION",
      description = "how long --wait waits, e.g. 90s, 10m, 1h (default ${DEFAULT-VALUE})")
  String timeout;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Duration waitFor = waitConverged ? Durations.parse(timeout) : Duration.ZERO;
    try (Engine engine = Engine.open(config.load(), Progresses.forCommand())) {
      Engine.Desired desired = null;
      Plan plan;
      if (planFile != null) {
        if (!Files.isRegularFile(planFile)) {
          throw new UserError(planFile + ": no such plan file — save one with strata plan --out");
        }
        plan = PlanFormats.read(Files.readString(planFile, StandardCharsets.UTF_8), planFile);
        desired = source.desired(engine);
        Engine.Planned fresh = engine.planFor(desired, false, prune);
        String now = fresh.observation().fingerprint();
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
        String mismatch = SavedPlanCheck.mismatch(plan, fresh.plan(), desired.commit());
        if (mismatch != null) {
          err.println(
              "strata: "
                  + planFile
                  + " is not the plan Strata makes now: "
                  + mismatch
                  + " — the file was edited, or the manifests changed since it was saved (or it"
                  + " was saved with a different --prune); run strata plan --out again; nothing"
                  + " was changed");
          return ExitCodes.ERROR;
        }
      } else {
        desired = source.desired(engine);
        plan = engine.planFor(desired, false, prune, overrideGuard).plan();
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
      Engine.Applied applied = engine.apply(plan, desired);
      out.println(applied.summary());
      applied.failures().forEach(err::println);
      if (waitConverged && applied.failures().isEmpty()) {
        return converge(engine, desired, waitFor, out, err);
      }
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

  /** {@code --wait}: the next rounds, each plan on stdout as the first one was. */
  private int converge(
      Engine engine, Engine.Desired desired, Duration waitFor, PrintWriter out, PrintWriter err)
      throws InterruptedException {
    Convergence.Outcome o =
        Convergence.run(
            engine,
            desired,
            prune,
            overrideGuard,
            waitFor,
            new Convergence.Listener() {
              @Override
              public void round(int n, Plan p) {
                out.println();
                out.println("Round " + n + ":");
                out.print(PlanFormats.text(p, engine.preview(), review.review()));
                out.flush();
              }

              @Override
              public void applied(int n, String summary) {
                out.println(summary);
                out.flush();
              }

              @Override
              public void waiting(String what) {
                err.println("strata: waiting: " + what);
                err.flush();
              }
            },
            System::nanoTime,
            d -> Thread.sleep(d.toMillis()));
    o.failures().forEach(err::println);
    if (o.converged()) {
      out.println("Converged after " + o.rounds() + " round(s).");
      return ExitCodes.OK;
    }
    err.println("strata: not converged: " + o.why());
    o.last().refused().forEach(r -> err.println("  refused " + r.volume() + ": " + r.reason()));
    return ExitCodes.ERROR;
  }

  private static boolean confirmed(PrintWriter out) throws IOException {
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
