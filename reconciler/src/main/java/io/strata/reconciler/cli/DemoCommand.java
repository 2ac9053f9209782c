package io.strata.reconciler.cli;

import io.strata.planner.plan.Plan;
import io.strata.reconciler.config.ConfigLoader;
import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.drift.Drift;
import io.strata.reconciler.engine.EmbeddedExamples;
import io.strata.reconciler.engine.Engine;
import io.strata.reconciler.engine.Manifests;
import io.strata.reconciler.engine.PlanFormats;
import io.strata.reconciler.engine.Simulation;
import io.strata.reconciler.engine.StatusReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code strata demo}: the whole product on the small example and an embedded simulated cluster —
 * validate, plan, apply, status, a drift caused by hand, detected and healed, and the data ledger.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run Strata end to end on the small example and a simulated cluster.")
final class DemoCommand implements Callable<Integer> {
  /**
   * The passphrase the demo's encrypted template reads; a real setup keeps it out of Git and argv.
   */
  private static final Map<String, String> DEMO_SECRETS =
      Map.of("STRATA_LUKS_KEY", "demo-only-passphrase");

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "where to unpack the example (default: a new temporary folder)")
  Path dir;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path root = dir != null ? dir : Files.createTempDirectory("strata-demo-");
    Path example = EmbeddedExamples.unpackSmall(root);
    StrataConfig config = ConfigLoader.load(example.resolve("strata.yaml"));
    Path manifests = config.localManifestRoot();

    step(out, 1, "validate the manifests", "strata validate " + root.relativize(manifests));
    Manifests.Loaded loaded = Manifests.fromDirectory(manifests);
    if (!loaded.valid()) {
      loaded.errors().forEach(out::println);
      return ExitCodes.ERROR;
    }
    out.println("valid: " + loaded.summary());

    try (Engine engine = Engine.open(config, DEMO_SECRETS)) {
      Engine.Desired desired = engine.desired(null, null);
      step(out, 2, "plan against a fresh simulated cluster", "strata plan");
      Plan plan = engine.planFor(desired, false, false).plan();
      out.print(PlanFormats.text(plan, engine.preview()));

      step(out, 3, "apply it", "strata apply --auto-approve");
      Engine.Applied applied = engine.apply(plan, desired);
      out.println(applied.summary());
      applied.failures().forEach(out::println);
      if (!applied.failures().isEmpty()) {
        return ExitCodes.ERROR;
      }

      step(out, 4, "look at the result", "strata status");
      out.print(StatusReport.of(desired.state(), engine.observe(desired.state()).state()).render());

      DemoTarget target = DemoTarget.pick(desired.state(), engine.observe(desired.state()).state());
      String node = target.node();
      String resource = target.volume();
      List<String> argv = List.of("drbdadm", "down", resource);
      step(
          out,
          5,
          "cause drift by hand, as an administrator might",
          "strata sim run --node " + node + " -- " + String.join(" ", argv));
      Simulation.RawResult raw = engine.simulation().run(node, argv);
      out.print(raw.stdout());
      out.println("exit " + raw.exitCode());

      step(out, 6, "detect it", "strata drift");
      Drift drift = engine.drift(desired);
      drift.items().forEach(i -> out.println("  " + i));
      out.println(drift.items().size() + " drifted object(s) — exit code 2");

      step(out, 7, "heal it", "strata apply --auto-approve");
      Plan heal = engine.planFor(desired, false, false).plan();
      out.print(PlanFormats.text(heal, engine.preview()));
      out.println(engine.apply(heal, desired).summary());

      step(out, 8, "check again", "strata drift");
      Drift after = engine.drift(desired);
      out.println(after.items().isEmpty() ? "in sync: the cluster matches the manifests" : after);

      step(out, 9, "no data was lost along the way", "strata sim ledger");
      List<String> losses = engine.simulation().dataLoss();
      out.println(losses.isEmpty() ? "no data-loss events" : String.join("\n", losses));
      out.println();
      out.println("The example lives in " + example + " — edit its manifests and run:");
      out.println("  ./strata plan --config " + example.resolve("strata.yaml"));
      out.flush();
      return after.items().isEmpty() && losses.isEmpty() ? ExitCodes.OK : ExitCodes.ERROR;
    }
  }

  private static void step(PrintWriter out, int n, String title, String command) {
    out.println();
    out.printf("── %d. %s%n   $ %s%n", n, title, command);
    out.flush();
  }
}
