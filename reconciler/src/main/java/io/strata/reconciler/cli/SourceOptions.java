package io.strata.reconciler.cli;

import io.strata.reconciler.engine.Engine;
import io.strata.reconciler.engine.Engine.Desired;
import picocli.CommandLine.Option;

/** {@code --repo} and {@code --ref}: where the manifests come from, overriding {@code git.url}. */
final class SourceOptions {
  @Option(
      names = "--repo",
      paramLabel = "DIR|URL",
      description = "manifest repository (default: git.url of the config)")
  String repo;

  @Option(
      names = "--ref",
      paramLabel = "REF",
      description = "commit or branch to read from Git (default: git.branch)")
  String ref;

  Desired desired(Engine engine) {
    return engine.desired(repo, ref);
  }
}
