package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.plan.Plan;
import io.strata.reconciler.config.ConfigLoader;
import io.strata.schema.model.Layer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ZFS pool may be a filesystem dataset of a zpool ({@code zpool: tank/strata}, as Proxmox's
 * {@code rpool/data}): zvols are made below it, found there again, and a second plan is empty. A
 * node without the dataset has no such pool, and the refusal says what to run; Strata never makes
 * the dataset itself.
 */
class ZfsDatasetPoolEndToEndTest {
  @TempDir Path tmp;

  private static final String MANIFESTS =
      """
      apiVersion: strata.io/v1
      kind: Node
      metadata: {name: alpha, labels: {storage: "yes"}}
      spec: {address: 10.0.0.1, connection: {type: simulated}}
      ---
      apiVersion: strata.io/v1
      kind: Node
      metadata: {name: beta, labels: {storage: "yes"}}
      spec: {address: 10.0.0.2, connection: {type: simulated}}
      ---
      apiVersion: strata.io/v1
      kind: Node
      metadata: {name: gamma, labels: {storage: "yes"}}
      spec: {address: 10.0.0.3, connection: {type: simulated}}
      ---
      apiVersion: strata.io/v1
      kind: StoragePool
      metadata: {name: data}
      spec: {nodeSelector: {storage: "yes"}, provider: {type: zfs, zpool: tank/strata}}
      ---
      apiVersion: strata.io/v1
      kind: ResourceTemplate
      metadata: {name: mirror}
      spec: {layers: [drbd, storage], placement: {redundancy: 2, pools: [data]}}
      ---
      apiVersion: strata.io/v1
      kind: Volume
      metadata: {name: web}
      spec: {size: 2 GiB, template: mirror, placement: {nodes: [alpha, beta]}}
      ---
      apiVersion: strata.io/v1
      kind: ResourceTemplate
      metadata: {name: local}
      spec: {layers: [storage], placement: {redundancy: 1, pools: [data]}}
      ---
      apiVersion: strata.io/v1
      kind: Volume
      metadata: {name: scratch}
      spec: {size: 1 GiB, template: local, placement: {nodes: [gamma]}}
      """;

  private Engine engine(Cluster c) {
    String yaml =
        """
        git: {url: ., path: manifests}
        secrets: {clusterKeyRef: file:cluster.key}
        simulation:
          stateDir: sim
          nodes:
            alpha: {zpools: {tank/strata: 200GiB}}
            beta: {zpools: {tank: 200GiB, tank/strata: 200GiB}}
            gamma: {zpools: {tank: 200GiB}}
        """;
    return Engine.open(ConfigLoader.parse("strata.yaml", yaml, c.root), Map.of());
  }

  @Test
  void zvolsAreMadeAndFoundBelowTheDataset() {
    Cluster c = new Cluster(tmp).write("cluster.yaml", MANIFESTS);
    try (Engine e = engine(c)) {
      Engine.Desired d = e.desired(null, null);
      Plan plan = e.planFor(d, false, false).plan();
      Set<String> storage = new TreeSet<>();
      plan.changes().stream()
          .filter(ch -> ch.layer() == Layer.STORAGE)
          .forEach(ch -> storage.add(ch.node() + " " + ch.object()));
      assertEquals(Set.of("alpha tank/strata/web_00000", "beta tank/strata/web_00000"), storage);
      assertEquals(1, plan.refused().size(), plan.refused().toString());
      String refusal = plan.refused().get(0).toString();
      assertTrue(
          refusal.contains(
              "zfs dataset tank/strata not found (Strata does not create it: run zfs create"
                  + " tank/strata on gamma)"),
          refusal);

      Engine.Applied applied = e.apply(plan, d);
      assertEquals(List.of(), applied.failures());
      Plan again = e.planFor(d, false, false).plan();
      assertEquals(List.of(), again.changes(), "the zvols below the dataset are found again");
      assertEquals(
          List.of("refused"),
          e.drift(d).items().stream().map(i -> i.driftClass().label()).toList(),
          () -> "drift: " + e.drift(d).items());

      // the operator makes the dataset; the next plan places the volume in it
      assertEquals(
          0, e.simulation().run("gamma", List.of("zfs", "create", "tank/strata")).exitCode());
      Plan placed = e.planFor(d, false, false).plan();
      assertEquals(List.of(), placed.refused());
      assertEquals(List.of(), e.apply(placed, d).failures());
      assertEquals(List.of(), e.planFor(d, false, false).plan().changes());
      assertTrue(e.drift(d).items().isEmpty(), () -> "drift: " + e.drift(d).items());
      assertTrue(
          e.simulation()
                  .run(
                      "gamma",
                      List.of("zfs", "list", "-H", "-o", "name", "tank/strata/scratch_00000"))
                  .exitCode()
              == 0);
      assertEquals(
          List.of("tank/strata", "tank/strata"),
          StatusReport.of(d.state(), e.observe(d.state()).state()).facts().volumes().stream()
              .filter(v -> v.name().equals("web"))
              .flatMap(v -> v.replicas().stream())
              .filter(r -> r.diskful())
              .map(r -> r.pool())
              .toList(),
          "the status names the dataset as the replicas' pool");
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }
}
