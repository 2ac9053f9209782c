package io.strata.reconciler.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The warm-up runs for a command that reads manifests, on a machine with a second core only. */
class WarmupTest {
  @Test
  void aManifestReadingCommandOnTwoCoresIsWarmedUp() {
    assertTrue(Warmup.wanted(Subcommands.needed("plan", "--config", "strata.yaml"), 2));
    assertTrue(Warmup.wanted(Subcommands.needed("validate", "manifests"), 4));
    assertTrue(Warmup.wanted(Subcommands.needed("--log-level", "debug", "daemon"), 2));
  }

  @Test
  void processLaunchingIsReadiedForTheCommandsThatObserveNodesOnly() {
    assertTrue(Warmup.observes(Subcommands.needed("plan", "--config", "strata.yaml")));
    assertTrue(Warmup.observes(Subcommands.needed("apply", "--auto-approve")));
    assertTrue(Warmup.observes(Subcommands.needed("drift")));
    assertTrue(Warmup.observes(Subcommands.needed("daemon")));
    assertFalse(Warmup.observes(Subcommands.needed("validate", "manifests")), "no node");
    assertFalse(Warmup.observes(Subcommands.needed("demo")), "the simulated cluster only");
    assertFalse(Warmup.observes(Subcommands.needed("--help")), "every subcommand: help");
  }

  @Test
  void otherCommandLinesAndSingleCoresAreNot() {
    assertFalse(Warmup.wanted(Subcommands.needed("--version"), 2), "no subcommand");
    assertFalse(Warmup.wanted(Subcommands.needed("--help"), 2), "every subcommand: help");
    assertFalse(Warmup.wanted(Subcommands.needed("status"), 2), "reads no manifests");
    assertFalse(Warmup.wanted(Subcommands.needed("sim", "ledger"), 2), "reads no manifests");
    assertFalse(Warmup.wanted(Subcommands.needed("plan"), 1), "no second core");
  }
}
