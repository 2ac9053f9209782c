package io.strata.reconciler.bench;

import io.strata.executors.run.RunReport;
import io.strata.planner.plan.Plan;
import io.strata.reconciler.config.ConfigLoader;
import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Apply wall time against the plan's critical path on an in-memory simulated cluster with a fixed
 * latency per command (issue 4's measurement). Not a test: run it by hand.
 *
 * <pre>
 * mvn -B -q -pl reconciler -am test-compile
 * mvn -B -q -pl reconciler dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp reconciler/target/test-classes:reconciler/target/classes:executors/target/classes:\
 *   planner/target/classes:schema/target/classes:$(cat /tmp/cp.txt) \
 *   io.strata.reconciler.bench.ApplyBench [nodes=100] [volumes=1000] [latencyMs=5] [total=64]
 * </pre>
 */
public final class ApplyBench {
  private ApplyBench() {}

  public static void main(String[] args) throws Exception {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int volumes = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int latency = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int total = args.length > 3 ? Integer.parseInt(args[3]) : 64;
    Path root = Files.createTempDirectory("strata-apply-bench-");
    Path manifests = Files.createDirectories(root.resolve("manifests"));
    StringBuilder cluster = new StringBuilder();
    StringBuilder seeds = new StringBuilder();
    for (int n = 0; n < nodes; n++) {
      String name = String.format("node-%03d", n);
      cluster.append(
          String.format(
              "apiVersion: strata.io/v1%nkind: Node%nmetadata: {name: %s, labels: {rack: r%d}}%n"
                  + "spec: {address: 10.1.%d.%d, connection: {type: simulated}}%n---%n",
              name, n % 10, n / 250, n % 250 + 1));
      seeds.append(String.format("    %s: {volumeGroups: {vg0: 4TiB}}%n", name));
    }
    cluster.append(
        "apiVersion: strata.io/v1\nkind: StoragePool\nmetadata: {name: ssd}\n"
            + "spec: {nodeSelector: {}, provider: {type: lvm, volumeGroup: vg0}}\n---\n"
            + "apiVersion: strata.io/v1\nkind: ResourceTemplate\nmetadata: {name: mirrored}\n"
            + "spec: {layers: [drbd, storage], drbd: {autoTiebreaker: false},"
            + " placement: {redundancy: 3, spreadAcross: rack}}\n");
    Files.writeString(
        manifests.resolve("cluster.yaml"),
        cluster
            .toString()
            .replace("nodeSelector: {}", "nodeSelector: {pool: ssd}")
            .replace("labels: {rack:", "labels: {pool: ssd, rack:"));
    StringBuilder vols = new StringBuilder();
    for (int v = 0; v < volumes; v++) {
      vols.append(
          String.format(
              "---%napiVersion: strata.io/v1%nkind: Volume%nmetadata: {name: vol-%04d}%n"
                  + "spec: {size: 10 GiB, template: mirrored}%n",
              v));
    }
    Files.writeString(manifests.resolve("volumes.yaml"), vols.toString());
    String yaml =
        "git: {url: ., path: manifests}\n"
            + "secrets: {clusterKeyRef: file:cluster.key}\n"
            + "reconcile: {parallelism: {perNode: 4, total: "
            + total
            + "}}\n"
            // in memory: the bench measures the runner, not the state files
            + "simulation:\n  stateDir: memory\n  latency: "
            + latency
            + "ms\n  nodes:\n"
            + seeds;
    StrataConfig config = ConfigLoader.parse("strata.yaml", yaml, root);
    try (Engine engine = Engine.open(config, Map.of())) {
      long t0 = System.nanoTime();
      Engine.Desired desired = engine.desired(null, null);
      Plan plan = engine.planFor(desired, false, false).plan();
      long t1 = System.nanoTime();
      Engine.Applied applied = engine.apply(plan, desired);
      long t2 = System.nanoTime();
      RunReport r = applied.report();
      System.out.printf(
          "nodes=%d volumes=%d latency=%dms parallelism total=%d changes=%d refused=%d%n",
          nodes, volumes, latency, total, plan.changes().size(), plan.refused().size());
      System.out.printf("load+observe+plan: %d ms%n", (t1 - t0) / 1_000_000);
      System.out.printf(
          "apply wall: %d ms, critical path: %d ms (%d changes), serial sum: %d ms, %s%n",
          r.wallTime().toMillis(),
          r.criticalPath().toMillis(),
          r.criticalPathIds().size(),
          r.serialTime().toMillis(),
          r.summary());
      System.out.printf(
          "apply + verify (observe, plan again): %d ms; remaining changes: %d; data loss: %d%n",
          (t2 - t1) / 1_000_000, applied.remaining().size(), engine.simulation().dataLoss().size());
    }
  }
}
