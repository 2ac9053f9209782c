package io.strata.reconciler.cli;

import io.strata.reconciler.engine.Manifests;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strata validate [DIR]}: schema and semantic checks; needs no config and no cluster. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check a manifest repository: every error of every file at once, as file:line:column.",
      "Exit 0 when valid, 1 when not."
    })
final class ValidateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", defaultValue = ".", paramLabel = "DIR", description = "manifest root")
  Path dir;

  @Override
  public Integer call() {
    Manifests.Loaded loaded = Manifests.fromDirectory(dir);
    var out = spec.commandLine().getOut();
    if (!loaded.valid()) {
      var err = spec.commandLine().getErr();
      loaded.errors().forEach(err::println);
      err.printf(
          "%d error%s — the repository is invalid as a whole; nothing in it will be applied%n",
          loaded.errors().size(), loaded.errors().size() == 1 ? "" : "s");
      return ExitCodes.ERROR;
    }
    out.println("valid: " + loaded.summary());
    return ExitCodes.OK;
  }
}
