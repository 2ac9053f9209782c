package io.strata.reconciler.engine;

import io.strata.reconciler.config.ConfigLoader;
import io.strata.reconciler.config.StrataConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A test cluster: three simulated nodes (alpha, beta, gamma in zones a, b, c) with LVM thick and
 * thin pools and a ZFS pool each, in memory, and a manifest folder the test writes volumes into.
 */
public final class Cluster {
  public static final String NODES_AND_POOLS =
      """
      apiVersion: strata.io/v1
      kind: Node
      metadata: {name: alpha, labels: {zone: a, storage: "yes"}}
      spec: {address: 10.0.0.1, connection: {type: simulated}}
      ---
      apiVersion: strata.io/v1
      kind: Node
      metadata: {name: beta, labels: {zone: b, storage: "yes"}}
      spec: {address: 10.0.0.2, connection: {type: simulated}}
      ---
      apiVersion: strata.io/v1
      kind: Node
      metadata: {name: gamma, labels: {zone: c, storage: "yes"}}
      spec: {address: 10.0.0.3, connection: {type: simulated}}
      ---
      apiVersion: strata.io/v1
      kind: StoragePool
      metadata: {name: thick}
      spec: {nodeSelector: {storage: "yes"}, provider: {type: lvm, volumeGroup: vg0}}
      ---
      apiVersion: strata.io/v1
      kind: StoragePool
      metadata: {name: thin}
      spec: {nodeSelector: {storage: "yes"}, provider: {type: lvm-thin, volumeGroup: vg0, thinPool: thin}}
      ---
      apiVersion: strata.io/v1
      kind: StoragePool
      metadata: {name: zfs}
      spec: {nodeSelector: {storage: "yes"}, provider: {type: zfs, zpool: tank}}
      ---
      apiVersion: strata.io/v1
      kind: StoragePool
      metadata: {name: zthin}
      spec: {nodeSelector: {storage: "yes"}, provider: {type: zfs-thin, zpool: tank}}
      """;

  /** A template with the given stack, pool and redundancy, and one volume using it. */
  static String templateAndVolume(
      String name, String layers, String pool, int redundancy, String size, String access) {
    String luks = layers.contains("luks") ? "  luks: {passphraseRef: env:TEST_LUKS_KEY}\n" : "";
    return "apiVersion: strata.io/v1\nkind: ResourceTemplate\nmetadata: {name: "
        + name
        + "-t}\nspec:\n  layers: ["
        + layers
        + "]\n"
        + luks
        + "  placement: {redundancy: "
        + redundancy
        + ", pools: ["
        + pool
        + "]}\n---\napiVersion: strata.io/v1\nkind: Volume\nmetadata: {name: "
        + name
        + "}\nspec: {size: "
        + size
        + ", template: "
        + name
        + "-t, access: ["
        + access
        + "]}\n";
  }

  final Path root;
  final Path manifests;

  Cluster(Path root) {
    this.root = root;
    this.manifests = root.resolve("manifests");
    try {
      Files.createDirectories(manifests);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes (or replaces) one manifest file. */
  Cluster write(String file, String yaml) {
    try {
      Files.writeString(manifests.resolve(file), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** The manifest files as a daemon cycle gets them from a commit: name to bytes. */
  Map<String, byte[]> files() {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.list(manifests)) {
      for (Path f : s.toList()) {
        out.put(f.getFileName().toString(), Files.readAllBytes(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** A config with a persistent simulation under the test folder, seeded for alpha, beta, gamma. */
  StrataConfig config() {
    return config(0.10);
  }

  /** The same, with the blast-radius guard at {@code maxDestroyFraction}. */
  StrataConfig config(double maxDestroyFraction) {
    String yaml =
        """
        git: {url: ., path: manifests}
        secrets: {clusterKeyRef: file:cluster.key}
        reconcile: {parallelism: {perNode: 4, total: 16}, maxDestroyFraction: %s}
        simulation:
          stateDir: sim
          nodes:
            alpha: {volumeGroups: {vg0: 100GiB}, thinPools: {vg0/thin: 80GiB}, zpools: {tank: 200GiB}}
            beta: {volumeGroups: {vg0: 100GiB}, thinPools: {vg0/thin: 80GiB}, zpools: {tank: 200GiB}}
            gamma: {volumeGroups: {vg0: 100GiB}, thinPools: {vg0/thin: 80GiB}, zpools: {tank: 200GiB}}
        """
            .formatted(maxDestroyFraction);
    return ConfigLoader.parse("strata.yaml", yaml, root);
  }

  Engine engine() {
    return engine(0.10);
  }

  Engine engine(double maxDestroyFraction) {
    return Engine.open(
        config(maxDestroyFraction), Map.of("TEST_LUKS_KEY", "correct horse battery staple"));
  }
}
