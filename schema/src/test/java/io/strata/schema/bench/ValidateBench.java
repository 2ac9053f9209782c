package io.strata.schema.bench;

import io.strata.schema.load.LoadResult;
import io.strata.schema.load.ManifestLoader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Load-and-validate benchmark (not a test; run by hand): generates a repository of 10,000 Volume
 * documents in 100 files, plus 12 nodes in 4 zones, their pools and 4 templates, then loads it 3
 * times and prints the wall time of each run.
 *
 * <pre>
 * mvn -B -q -pl schema -am test-compile
 * mvn -B -q -pl schema dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp schema/target/classes:schema/target/test-classes:$(cat /tmp/cp.txt) \
 *     io.strata.schema.bench.ValidateBench [volumes]
 * </pre>
 */
public final class ValidateBench {
  // CPU time as well as wall time: the build machine is shared, and wall time alone mostly
  // measures the neighbours.
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private ValidateBench() {}

  public static void main(String[] args) throws IOException {
    int volumes = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Path root = Files.createTempDirectory("strata-bench");
    try {
      generate(root, volumes);
      for (int run = 1; run <= 3; run++) {
        long t0 = System.nanoTime();
        long c0 = CPU.getCurrentThreadCpuTime();
        LoadResult r = ManifestLoader.load(root);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long cpuMs = (CPU.getCurrentThreadCpuTime() - c0) / 1_000_000;
        if (r instanceof LoadResult.Invalid i) {
          throw new IllegalStateException("generated repository is invalid:\n" + i.render());
        }
        System.out.printf(
            "run %d: %d documents (%d volumes) loaded and validated in %d ms wall, %d ms cpu%n",
            run, ((LoadResult.Valid) r).documents(), volumes, ms, cpuMs);
      }
    } finally {
      try (Stream<Path> s = Files.walk(root)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  static void generate(Path root, int volumes) throws IOException {
    StringBuilder infra = new StringBuilder();
    for (int n = 0; n < 12; n++) {
      String node = "node-" + n;
      infra.append(
          """
          apiVersion: strata.io/v1
          kind: Node
          metadata: {name: %s, labels: {zone: z%d}}
          spec: {address: 10.0.1.%d, connection: {type: simulated}}
          ---
          apiVersion: strata.io/v1
          kind: StoragePool
          metadata: {name: %s-thin}
          spec: {node: %s, provider: {type: lvm-thin, volumeGroup: vg0, thinPool: thin}}
          ---
          """
              .formatted(node, n % 4, n + 1, node, node));
    }
    infra.append(
        """
        apiVersion: strata.io/v1
        kind: ResourceTemplate
        metadata: {name: replicated}
        spec: {layers: [drbd, storage], placement: {redundancy: 2, spreadAcross: zone}}
        ---
        apiVersion: strata.io/v1
        kind: ResourceTemplate
        metadata: {name: encrypted}
        spec:
          layers: [drbd, luks, storage]
          luks: {passphraseRef: env:KEY}
          placement: {redundancy: 3, spreadAcross: zone}
        ---
        apiVersion: strata.io/v1
        kind: ResourceTemplate
        metadata: {name: export}
        spec: {layers: [nvme, storage]}
        ---
        apiVersion: strata.io/v1
        kind: ResourceTemplate
        metadata: {name: local}
        spec: {layers: [storage]}
        """);
    Files.writeString(root.resolve("infra.yaml"), infra);
    String[] templates = {"replicated", "encrypted", "export", "local"};
    int perFile = 100;
    for (int f = 0; f * perFile < volumes; f++) {
      StringBuilder b = new StringBuilder();
      for (int i = f * perFile; i < Math.min(volumes, (f + 1) * perFile); i++) {
        b.append(
            """
            apiVersion: strata.io/v1
            kind: Volume
            metadata:
              name: vol-%05d
              labels: {app: app-%d}
            spec:
              size: %d GiB
              template: %s
              access: [%s]
              deletionPolicy: %s
            ---
            """
                .formatted(
                    i,
                    i % 50,
                    1 + i % 100,
                    templates[i % templates.length],
                    // a plain [storage] volume has no way to reach other nodes
                    templates[i % templates.length].equals("local") ? "" : "node-" + i % 12,
                    i % 2 == 0 ? "Retain" : "Delete"));
      }
      Files.createDirectories(root.resolve("volumes"));
      Files.writeString(root.resolve("volumes/batch-%03d.yaml".formatted(f)), b);
    }
  }
}
