package io.strata.reconciler.cli;

import io.strata.reconciler.config.ConfigLoader;
import io.strata.reconciler.config.StrataConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --config} (default {@code ./strata.yaml}) shared by the commands that talk to a cluster.
 */
final class ConfigOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "the reconciler's settings (default: ./strata.yaml; all fields have defaults)")
  Path config;

  @Option(
      names = "--repository",
      paramLabel = "NAME",
      description =
          "with repositories: in strata.yaml, the one to work on (needed when there are several)")
  String repository;

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  /**
   * The config file given, or ./strata.yaml when present, or the defaults rooted at the cwd; its
   * {@code logging.level} applies from here on unless --log-level was given.
   */
  StrataConfig load() {
    StrataConfig cfg = read();
    StrataCommand.of(mixee).applyLogging(cfg.logging());
    return cfg.repository(repository);
  }

  /**
   * The whole configuration, {@code repositories:} included (the daemon serves them all), or only
   * the one repository given with --repository.
   */
  StrataConfig loadAll() {
    StrataConfig cfg = read();
    StrataCommand.of(mixee).applyLogging(cfg.logging());
    return repository == null ? cfg : cfg.repository(repository);
  }

  private StrataConfig read() {
    if (config != null) {
      return ConfigLoader.load(config);
    }
    Path here = Path.of("strata.yaml");
    if (Files.isRegularFile(here)) {
      return ConfigLoader.load(here);
    }
    return ConfigLoader.defaults(Path.of("").toAbsolutePath());
  }
}
