package io.strata.reconciler.it;

import io.strata.reconciler.config.ConfigLoader;
import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.engine.Cluster;
import io.strata.reconciler.git.GitCli;
import io.strata.simulator.SimulatedCluster;
import io.strata.simulator.state.SimSeed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * An operator's setup on disk: a bare repository (pushed to with the {@code git} CLI), a {@code
 * strata.yaml} pointing at it with a persistent simulation of three nodes (alpha, beta, gamma;
 * {@link SimSeed#standard()} each), and a LUKS passphrase file.
 */
final class SimRepo {
  private static final String NODES_AND_POOLS =
      Cluster.NODES_AND_POOLS
          + "---\n"
          + """
      apiVersion: strata.io/v1
      kind: ResourceTemplate
      metadata: {name: mirrored}
      spec: {layers: [drbd, storage], placement: {redundancy: 2, pools: [thick]}}
      ---
      apiVersion: strata.io/v1
      kind: ResourceTemplate
      metadata: {name: plain}
      spec: {layers: [storage], placement: {redundancy: 1, pools: [thin]}}
      ---
      apiVersion: strata.io/v1
      kind: ResourceTemplate
      metadata: {name: sealed}
      spec:
        layers: [drbd, luks, storage]
        luks: {passphraseRef: file:luks.key}
        placement: {redundancy: 2, pools: [zfs]}
      """;

  final Path root;
  final GitCli git;
  final Path config;
  final Path simDir;

  /**
   * Creates the repositories and writes {@code strata.yaml}; {@code extraYaml} is appended (a
   * {@code reconcile:}, {@code alerts:} or {@code simulation.latency} block, etc.).
   */
  SimRepo(Path root, String reconcileYaml, String extraYaml, String latency) {
    this.root = root;
    this.git = GitCli.create(root);
    this.config = root.resolve("strata.yaml");
    this.simDir = root.resolve("sim");
    String yaml =
        "git:\n"
            + "  url: "
            + git.bare()
            + "\n"
            + "  path: manifests\n"
            + "  pollInterval: 1h\n"
            + "http: {bind: 127.0.0.1, port: 0, allowUnauthenticatedWebhook: true}\n"
            + "reconcile:\n"
            + "  driftInterval: 1h\n"
            + "  parallelism: {perNode: 4, total: 16}\n"
            + reconcileYaml
            + "simulation:\n"
            + "  stateDir: sim\n"
            + "  latency: "
            + latency
            + "\n"
            + "  nodes:\n"
            + node("alpha")
            + node("beta")
            + node("gamma")
            + extraYaml;
    try {
      Files.writeString(config, yaml);
      Path key = root.resolve("luks.key");
      Files.writeString(key, "correct horse battery staple");
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String node(String name) {
    return "    "
        + name
        + ": {volumeGroups: {vg0: 100GiB}, thinPools: {vg0/thin: 80GiB}, zpools: {tank: 200GiB}}\n";
  }

  StrataConfig load() {
    return ConfigLoader.load(config);
  }

  /** {@link #NODES_AND_POOLS} with the passphrase file's absolute path. */
  String cluster() {
    return NODES_AND_POOLS.replace("file:luks.key", "file:" + root.resolve("luks.key"));
  }

  static String volume(String name, String template, String size) {
    return "apiVersion: strata.io/v1\nkind: Volume\nmetadata: {name: "
        + name
        + "}\nspec: {size: "
        + size
        + ", template: "
        + template
        + "}\n";
  }

  /** A second handle on the persistent simulated cluster, as another process would open it. */
  SimulatedCluster sim() {
    return SimulatedCluster.persistent(simDir, SimSeed.standardFor("alpha", "beta", "gamma"));
  }

  /** A file of the status branch, or null while it (or the branch) does not exist. */
  String status(String path) {
    try {
      return git.inBare("show", "strata/status:" + path);
    } catch (IllegalStateException e) {
      return null;
    }
  }

  /** True when the status branch shows every named volume Ready for the commit {@code commit}. */
  boolean ready(String commit, List<String> volumes) {
    for (String v : volumes) {
      String s = status("status/volumes/" + v + ".yaml");
      if (s == null
          || !s.contains("- type: Ready\n  status: 'True'")
          || !s.contains("lastAppliedCommit: " + commit)) {
        return false;
      }
    }
    return true;
  }

  static void await(BooleanSupplier cond, Duration max, Supplier<String> what) {
    long end = System.nanoTime() + max.toNanos();
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out after " + max + " waiting for " + what.get());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
