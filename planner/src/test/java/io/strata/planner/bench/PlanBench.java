package io.strata.planner.bench;

import io.strata.planner.Planner;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.Plan;
import io.strata.planner.policy.Policy;
import io.strata.planner.testing.Observed;
import io.strata.planner.testing.PlanEffects;
import io.strata.schema.model.DeletionPolicy;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import io.strata.schema.model.Metadata;
import io.strata.schema.model.Node;
import io.strata.schema.model.Origin;
import io.strata.schema.model.Placement;
import io.strata.schema.model.ProviderType;
import io.strata.schema.model.ResourceTemplate;
import io.strata.schema.model.Size;
import io.strata.schema.model.StoragePool;
import io.strata.schema.model.Volume;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Planning wall time at scale: 1,000 nodes in 10 zones, 10,000 volumes {@code [drbd, storage]} on
 * lvm-thin with redundancy 3 spread across zones; once on a fresh cluster, once on the converged
 * one (the fresh plan applied with the test model). Not part of the test run:
 *
 * <pre>
 * mvn -B -q -pl planner -am test-compile
 * mvn -B -q -pl planner dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -Xmx3g -cp "planner/target/test-classes:planner/target/classes:schema/target/classes:$(cat /tmp/cp.txt)" \
 *     io.strata.planner.bench.PlanBench [nodes] [volumes]
 * </pre>
 */
public final class PlanBench {
  private PlanBench() {}

  public static void main(String[] args) {
    int nodeCount = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int volumeCount = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    List<Node> nodes = new ArrayList<>();
    TreeMap<String, NodeState> observed = new TreeMap<>();
    for (int i = 0; i < nodeCount; i++) {
      String name = String.format("node%04d", i);
      nodes.add(
          new Node(
              new Metadata(name, Map.of("zone", "z" + (i % 10)), Origin.UNKNOWN),
              "10.1." + (i / 250) + "." + (i % 250),
              Node.Connection.simulated(),
              false));
      observed.put(name, Observed.emptyNode(name, 1024));
    }
    StoragePool pool =
        new StoragePool(
            Metadata.named("thin"),
            null,
            Map.of("zone", "any"),
            new StoragePool.Provider(ProviderType.LVM_THIN, "vg0", "thin", null),
            1.0);
    List<StoragePool> pools = new ArrayList<>();
    for (int z = 0; z < 10; z++) {
      pools.add(
          new StoragePool(
              Metadata.named("thin-z" + z), null, Map.of("zone", "z" + z), pool.provider(), 1.0));
    }
    ResourceTemplate t =
        new ResourceTemplate(
            Metadata.named("r3"),
            List.of(Layer.DRBD, Layer.STORAGE),
            ResourceTemplate.DrbdOptions.DEFAULT,
            null,
            null,
            new Placement(3, List.of(), List.of(), "zone", Map.of()));
    List<Volume> volumes = new ArrayList<>();
    for (int v = 0; v < volumeCount; v++) {
      volumes.add(
          new Volume(
              Metadata.named(String.format("vol%05d", v)),
              Size.ofBytes((1 + v % 20) * (1L << 30)),
              "r3",
              null,
              List.of(),
              DeletionPolicy.RETAIN,
              false));
    }
    DesiredState desired = DesiredState.of(nodes, pools, List.of(t), volumes, List.of());
    ObservedState fresh = ObservedState.of(observed, Map.of());

    Planner.plan(desired, fresh, Policy.DEFAULT, null, "warmup"); // JIT warm-up
    var cpu = ManagementFactory.getThreadMXBean();
    long t0 = System.nanoTime();
    long c0 = cpu.getCurrentThreadCpuTime();
    Plan p = Planner.plan(desired, fresh, Policy.DEFAULT, null, "fresh");
    long c1 = cpu.getCurrentThreadCpuTime();
    long t1 = System.nanoTime();
    System.out.printf(
        "fresh:     %d nodes, %d volumes → %d changes, %d refused in %.2f s wall, %.2f s cpu%n",
        nodeCount,
        volumeCount,
        p.changes().size(),
        p.refused().size(),
        (t1 - t0) / 1e9,
        (c1 - c0) / 1e9);

    ObservedState converged = PlanEffects.apply(desired, fresh, p);
    Planner.plan(desired, converged, Policy.DEFAULT, null, "warmup");
    long t2 = System.nanoTime();
    long c2 = cpu.getCurrentThreadCpuTime();
    Plan q = Planner.plan(desired, converged, Policy.DEFAULT, null, "converged");
    long c3 = cpu.getCurrentThreadCpuTime();
    long t3 = System.nanoTime();
    System.out.printf(
        "converged: %d nodes, %d volumes → %d changes, %d refused in %.2f s wall, %.2f s cpu%n",
        nodeCount,
        volumeCount,
        q.changes().size(),
        q.refused().size(),
        (t3 - t2) / 1e9,
        (c3 - c2) / 1e9);
  }
}
