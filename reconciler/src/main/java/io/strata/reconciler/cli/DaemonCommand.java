package io.strata.reconciler.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code strata daemon}: the GitOps loop. */
@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    description = "Run the GitOps loop: poll Git, reconcile, detect drift, write status.")
final class DaemonCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ConfigOptions config;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("strata: daemon: not implemented yet");
    return ExitCodes.ERROR;
  }
}
