package io.strata.reconciler.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code strata completion}: a bash (and zsh) completion script; {@code source <(strata
 * completion)}.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a bash/zsh completion script for strata.",
      "Install it for this shell with: source <(strata completion)",
      "or for good with: strata completion > /etc/bash_completion.d/strata"
    })
final class CompletionCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(AutoComplete.bash("strata", spec.root().commandLine()));
    return ExitCodes.OK;
  }
}
