package io.strata.reconciler.cli;

import io.strata.reconciler.engine.Manifests;
import io.strata.schema.load.LoadResult;
import io.strata.schema.load.ManifestLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code strata validate [DIR]}: schema and semantic checks; needs no config and no cluster. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check a manifest repository: every error of every file at once, as file:line:column.",
      "Exit 0 when valid, 1 when not."
    })
final class ValidateCommand implements Callable<Integer> {
  enum Format {
    text,
    json
  }

  /** {@code --format json}: the verdict and every error with its place. */
  record Report(String format, boolean valid, String summary, List<Error> errors) {
    Report {
      errors = List.copyOf(errors);
    }
  }

  /** One error; line and column are 1-based, 0 when unknown. */
  record Error(String file, int line, int column, String message) {}

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", defaultValue = ".", paramLabel = "DIR", description = "manifest root")
  Path dir;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text (errors on stderr) or json (the verdict and errors on stdout)")
  Format format;

  @Override
  public Integer call() {
    if (format == Format.json) {
      Report r = report();
      spec.commandLine()
          .getOut()
          .print(
              JsonMapper.builder()
                      .enable(SerializationFeature.INDENT_OUTPUT)
                      .build()
                      .writeValueAsString(r)
                  + "\n");
      return r.valid() ? ExitCodes.OK : ExitCodes.ERROR;
    }
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

  private Report report() {
    if (!Files.isDirectory(dir)) {
      return new Report(
          "strata.validate/v1",
          false,
          "",
          List.of(new Error(dir.toString(), 0, 0, "no such directory")));
    }
    LoadResult r = ManifestLoader.load(dir);
    if (r instanceof LoadResult.Invalid i) {
      List<Error> errors =
          i.errors().stream()
              .map(
                  d ->
                      new Error(
                          d.origin().file(), d.origin().line(), d.origin().column(), d.message()))
              .toList();
      return new Report("strata.validate/v1", false, "", errors);
    }
    return new Report(
        "strata.validate/v1", true, Manifests.fromDirectory(dir).summary(), List.of());
  }
}
