package io.strata.reconciler.cli;

import io.strata.planner.render.Terminal;
import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.logging.LogSettings;
import io.strata.reconciler.logging.LogSettings.LogLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code strata}: the top-level command; everything happens in a subcommand. The subcommands are
 * added by {@link Subcommands}, only those a command line needs.
 */
@Command(
    name = "strata",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Declarative GitOps reconciler for Linux software-defined storage.")
final class StrataCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  // Global options: accepted before or after the subcommand (picocli sets them on this object).
  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      scope = ScopeType.INHERIT,
      description =
          "Strata's log level on stderr: trace, debug, info, warn or error"
              + " (default: logging.level of the config, else info)")
  LogLevel logLevel;

  @Option(
      names = "--no-color",
      scope = ScopeType.INHERIT,
      description = "no ANSI colours (also when NO_COLOR is set or stdout is not a terminal)")
  boolean noColor;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(),
        "a command is required: validate, plan, apply, status, drift, sim, demo, daemon or"
            + " completion");
  }

  /** Applies --log-level when given (Main, before the command runs). */
  void applyLogLevelOption() {
    if (logLevel != null) {
      LogSettings.level(logLevel);
    }
  }

  /** The log level: --log-level wins over {@code logging.level} of the config. */
  void applyLogging(StrataConfig.Logging configured) {
    LogSettings.level(logLevel != null ? logLevel : configured.level());
  }

  /** Whether text output may use colours: not with --no-color, NO_COLOR or a non-terminal. */
  boolean color() {
    return !noColor && Terminal.colorWanted();
  }

  /** The root command's options, seen from any subcommand's spec. */
  static StrataCommand of(picocli.CommandLine.Model.CommandSpec spec) {
    return (StrataCommand) spec.root().userObject();
  }
}
