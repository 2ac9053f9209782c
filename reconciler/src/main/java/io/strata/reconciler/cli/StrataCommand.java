package io.strata.reconciler.cli;

import picocli.CommandLine.Command;

/** {@code strata}: the top-level command; everything happens in a subcommand. */
@Command(
    name = "strata",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Declarative GitOps reconciler for Linux software-defined storage.",
    subcommands = {
      ValidateCommand.class,
      PlanCommand.class,
      ApplyCommand.class,
      StatusCommand.class,
      DriftCommand.class,
      SimCommand.class,
      DemoCommand.class,
      DaemonCommand.class
    })
final class StrataCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(),
        "a command is required: validate, plan, apply, status, drift, sim, demo or daemon");
  }
}
