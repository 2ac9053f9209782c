package io.strata.reconciler.cli;

import static io.strata.reconciler.cli.CliContractTest.strata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Only the subcommands a command line needs are built, and the user cannot tell. */
class SubcommandsTest {
  @Test
  void aNamedSubcommandIsTheOnlyOneBuilt() {
    assertEquals(List.of(ValidateCommand.class), Subcommands.needed("validate", "m/"));
    assertEquals(List.of(PlanCommand.class), Subcommands.needed("--no-color", "plan"));
    assertEquals(
        List.of(SimCommand.class), Subcommands.needed("--log-level", "debug", "sim", "log"));
    assertEquals(List.of(DaemonCommand.class), Subcommands.needed("--log-level=warn", "daemon"));
    // a value that looks like a subcommand is the option's, not a subcommand
    assertEquals(List.of(DriftCommand.class), Subcommands.needed("--log-level", "plan", "drift"));
  }

  @Test
  void versionAloneBuildsNone() {
    assertEquals(List.of(), Subcommands.needed("--version"));
    assertEquals(List.of(), Subcommands.needed("-V", "--no-color"));
  }

  @Test
  void helpMistakesAndCompletionBuildAll() {
    assertEquals(Subcommands.ALL, Subcommands.needed());
    assertEquals(Subcommands.ALL, Subcommands.needed("--help"));
    assertEquals(Subcommands.ALL, Subcommands.needed("-h", "validate"));
    assertEquals(Subcommands.ALL, Subcommands.needed("--version", "--help"));
    assertEquals(Subcommands.ALL, Subcommands.needed("valdiate", "m/"));
    assertEquals(Subcommands.ALL, Subcommands.needed("--", "plan"));
    assertEquals(Subcommands.ALL, Subcommands.needed("completion"));
    assertEquals(Subcommands.ALL, Subcommands.needed("--log-level"));
  }

  @Test
  void aMisspeltSubcommandStillGetsPicocliSuggestion() {
    CliContractTest.Run r = strata("valdiate", "manifests/");
    assertEquals(ExitCodes.ERROR, r.code());
    assertTrue(r.err().contains("validate"), r.err());
  }

  @Test
  void completionCoversEverySubcommand() {
    CliContractTest.Run r = strata("completion");
    assertEquals(ExitCodes.OK, r.code(), r.err());
    for (Class<?> c : Subcommands.ALL) {
      String name = c.getAnnotation(picocli.CommandLine.Command.class).name();
      assertTrue(r.out().contains(name), () -> "completion knows " + name);
    }
    assertTrue(r.out().contains("--detailed-exitcode"), "and their options");
  }

  @Test
  void versionPrintsTheVersionAndASubcommandsHelpItsOwn() {
    CliContractTest.Run v = strata("--version");
    assertEquals(ExitCodes.OK, v.code(), v.err());
    assertTrue(v.out().startsWith("strata "), v.out());
    CliContractTest.Run h = strata("plan", "--help");
    assertEquals(ExitCodes.OK, h.code(), h.err());
    assertTrue(h.out().contains("Usage: strata plan"), h.out());
  }
}
