package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.plan.Plan;
import io.strata.schema.model.Layer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DRBD replicates between an LVM-thin replica and a ZFS replica, as LINSTOR does: when no single
 * provider type has room for every replica, placement mixes them, each replica's storage sized for
 * its own provider. It converges on the simulated cluster, resyncs, and stays converged.
 */
class MixedProvidersEndToEndTest {
  @TempDir Path tmp;

  private static final String CLUSTER =
      """
      apiVersion: strata.io/v1
      kind: Node
      metadata: {name: alpha}
      spec: {address: 10.0.0.1, connection: {type: simulated}}
      ---
      apiVersion: strata.io/v1
      kind: Node
      metadata: {name: beta}
      spec: {address: 10.0.0.2, connection: {type: simulated}}
      ---
      apiVersion: strata.io/v1
      kind: StoragePool
      metadata: {name: alpha-thin}
      spec: {node: alpha, provider: {type: lvm-thin, volumeGroup: vg0, thinPool: thin}}
      ---
      apiVersion: strata.io/v1
      kind: StoragePool
      metadata: {name: beta-zfs}
      spec: {node: beta, provider: {type: zfs, zpool: tank}}
      ---
      apiVersion: strata.io/v1
      kind: ResourceTemplate
      metadata: {name: mirror}
      spec: {layers: [drbd, storage], drbd: {autoTiebreaker: false}, placement: {redundancy: 2}}
      ---
      apiVersion: strata.io/v1
      kind: Volume
      metadata: {name: mixed}
      spec: {size: 3 GiB, template: mirror}
      """;

  @Test
  void aThinLvAndAZvolReplicateOneVolume() {
    Cluster c = new Cluster(tmp).write("cluster.yaml", CLUSTER);
    try (Engine e = c.engine()) {
      Engine.Desired d = e.desired(null, null);
      Plan plan = e.planFor(d, false, false).plan();
      assertEquals(List.of(), plan.refused(), "a mix of provider types is placed");
      Set<String> objects = new TreeSet<>();
      plan.changes().stream()
          .filter(ch -> ch.layer() == Layer.STORAGE)
          .forEach(ch -> objects.add(ch.node() + " " + ch.object()));
      assertTrue(objects.contains("alpha vg0/mixed_00000"), objects.toString());
      assertTrue(objects.contains("beta tank/mixed_00000"), objects.toString());
      Engine.Applied applied = e.apply(plan, d);
      assertEquals(List.of(), applied.failures());
      assertEquals(List.of(), applied.remaining(), "converged in one apply");
      assertTrue(e.drift(d).items().isEmpty(), () -> "drift: " + e.drift(d).items());
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }
}
