package io.strata.reconciler.cli;

import io.strata.reconciler.engine.CommandLogReport;
import io.strata.reconciler.engine.Engine;
import io.strata.reconciler.engine.LedgerReport;
import io.strata.reconciler.engine.Simulation;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata sim}: the simulated cluster by hand — raw commands and the data ledger. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = "Work with the simulated cluster (simulation.* in strata.yaml).",
    subcommands = {
      SimCommand.Run.class,
      SimCommand.Reboot.class,
      SimCommand.Ledger.class,
      SimCommand.Log.class,
      SimCommand.Reset.class
    })
final class SimCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is required: run, reboot, ledger, log or reset");
  }

  /**
   * {@code strata sim run --node N -- ARGV…}: one raw command, as an administrator would type it.
   */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Run one raw command on a simulated node (e.g. to cause drift by hand).",
        "Prints the command's output and exits with its exit code."
      })
  static final class Run implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOptions config;

    @Option(names = "--node", required = true, description = "the simulated node")
    String node;

    @Parameters(arity = "1..*", paramLabel = "ARGV", description = "the command and its arguments")
    List<String> argv;

    @Override
    public Integer call() {
      try (Engine engine = Engine.open(config.load())) {
        Simulation sim = engine.simulation();
        Simulation.RawResult r = sim.run(node, argv);
        spec.commandLine().getOut().print(r.stdout());
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().print(r.stderr());
        spec.commandLine().getErr().flush();
        return r.exitCode();
      }
    }
  }

  /**
   * {@code strata sim reboot --node N}: the node restarts; what lived only in its kernel is gone.
   */
  @Command(
      name = "reboot",
      mixinStandardHelpOptions = true,
      description = {
        "Reboot a simulated node: its LVs and thin pools become inactive, LUKS mappings close,"
            + " DRBD resources go down, NVMe-oF exports and connections disappear; what is on"
            + " disk (LVM metadata, LUKS headers, DRBD metadata and .res files) stays.",
        "Prints what went down. Exit 0 when done, 1 on error."
      })
  static final class Reboot implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOptions config;

    @Option(names = "--node", required = true, paramLabel = "N", description = "the node")
    String node;

    @Override
    public Integer call() {
      try (Engine engine = Engine.open(config.load())) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(engine.simulation().reboot(node));
        out.flush();
        return ExitCodes.OK;
      }
    }
  }

  /** {@code strata sim ledger}: data-loss events; exit 0 when none, 2 when there are. */
  @Command(
      name = "ledger",
      mixinStandardHelpOptions = true,
      description = {
        "List the data-loss events the simulated cluster recorded.",
        "Exit 0 when there are none, 2 when there are."
      })
  static final class Ledger implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOptions config;

    @Option(names = "--format", defaultValue = "text", description = "text or json")
    Format format;

    enum Format {
      text,
      json
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Engine engine = Engine.openReadOnly(config.load())) {
        LedgerReport ledger = engine.simulation().ledger();
        out.print(format == Format.json ? ledger.json() : ledger.text());
        out.flush();
        return ledger.dataLoss().isEmpty() ? ExitCodes.OK : ExitCodes.CHANGES;
      }
    }
  }

  /** {@code strata sim log [--node N] [--format text|json]}: what the simulated nodes ran. */
  @Command(
      name = "log",
      mixinStandardHelpOptions = true,
      description = {
        "List the commands and file writes the simulated nodes received, in the order they ran"
            + " (every strata process sharing simulation.stateDir).",
        "Exit 0 when shown, 1 on error."
      })
  static final class Log implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOptions config;

    @Option(names = "--node", paramLabel = "N", description = "only this node (default: all)")
    String node;

    @Option(
        names = "--format",
        defaultValue = "text",
        description = "text, or json: one JSON object per line")
    Ledger.Format format;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Engine engine = Engine.openReadOnly(config.load())) {
        CommandLogReport log = engine.simulation().commandLog().node(node);
        out.print(format == Ledger.Format.json ? log.jsonLines() : log.text());
        out.flush();
        return ExitCodes.OK;
      }
    }
  }

  /** {@code strata sim reset [--node N]}: forget simulated state so that it is seeded afresh. */
  @Command(
      name = "reset",
      mixinStandardHelpOptions = true,
      description = {
        "Forget the simulated cluster's state (or one node's), to be seeded again from"
            + " simulation.nodes on next use. Its volumes are lost.",
        "Exit 0 when done, 1 on error."
      })
  static final class Reset implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOptions config;

    @Option(names = "--node", paramLabel = "N", description = "only this node (default: all)")
    String node;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Engine engine = Engine.openForSimReset(config.load())) {
        Set<String> gone = engine.simulation().reset(node);
        if (gone.isEmpty()) {
          out.println(
              node == null ? "nothing to reset" : "node " + node + " has no simulated state yet");
        } else {
          out.println("reset " + String.join(", ", gone) + (node == null ? " and the ledger" : ""));
        }
        out.flush();
        return ExitCodes.OK;
      }
    }
  }
}
