package io.strata.reconciler.cli;

import io.strata.reconciler.engine.PlanFormats;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --show-probes} and {@code --verbose}: how much of a plan people are shown. */
final class ReviewOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--show-probes",
      description = "also show the read-only probes run before each change (JSON always has them)")
  boolean showProbes;

  @Option(
      names = "--verbose",
      description = "list every change and command even when the plan touches more than 50 volumes")
  boolean verbose;

  PlanFormats.Review review() {
    return new PlanFormats.Review(StrataCommand.of(mixee).color(), showProbes, verbose);
  }
}
