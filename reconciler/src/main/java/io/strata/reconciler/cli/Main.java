package io.strata.reconciler.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/** Entry point of the {@code strata} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns the exit code (tests call this instead of {@link #main}). */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /**
   * Runs the CLI with its output going to {@code out} and {@code err}. Both are flushed before
   * returning: {@link #main} calls {@code System.exit} next, which would drop buffered output.
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    List<Class<?>> commands = Subcommands.needed(args);
    Warmup.startFor(commands);
    CommandLine cli = new CommandLine(new StrataCommand());
    commands.forEach(cli::addSubcommand);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setParameterExceptionHandler(usageErrorsExitOne(cli.getParameterExceptionHandler()));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    // --log-level applies before the command runs, also for commands that load no config
    CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
    cli.setExecutionStrategy(
        parsed -> {
          ((StrataCommand) cli.getCommand()).applyLogLevelOption();
          return runLast.execute(parsed);
        });
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** Picocli's message and suggestions, but exit 1: §11 reserves 2 for "changes present". */
  private static CommandLine.IParameterExceptionHandler usageErrorsExitOne(
      CommandLine.IParameterExceptionHandler picocliDefault) {
    return (ex, args) -> {
      picocliDefault.handleParseException(ex, args);
      return ExitCodes.ERROR;
    };
  }
}
