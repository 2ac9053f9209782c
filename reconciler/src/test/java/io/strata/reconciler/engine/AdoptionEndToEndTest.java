package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Plan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: {@code Volume.spec.adopt} on the simulated cluster — an LV or zvol made by hand, with a
 * filesystem on it, is taken under management by tagging alone (its data survives, the ledger
 * records no loss), is refused when its size does not match, and is managed like any volume from
 * then on (decision 022).
 */
class AdoptionEndToEndTest {
  @TempDir Path tmp;

  private static String volume(String pool, String size, String device) {
    return """
        apiVersion: strata.io/v1
        kind: ResourceTemplate
        metadata: {name: plain}
        spec:
          layers: [storage]
          placement: {redundancy: 1, pools: [%s]}
        ---
        apiVersion: strata.io/v1
        kind: Volume
        metadata: {name: legacy}
        spec:
          size: %s
          template: plain
          adopt: {node: alpha, device: %s}
        """
        .formatted(pool, size, device);
  }

  private static Result run(Host h, String... argv) {
    return h.run(List.of(argv), new byte[0], Duration.ofSeconds(5));
  }

  @Test
  void aHandMadeLvIsAdoptedByTaggingAloneAndManagedFromThenOn() {
    Cluster c = new Cluster(tmp).write("cluster.yaml", Cluster.NODES_AND_POOLS);
    try (Engine e = c.engine()) {
      Host alpha = e.simulation().cluster().host("alpha");
      assertTrue(
          run(alpha, "lvcreate", "--size", "1048576k", "--name", "legacy_00000", "vg0").success());
      assertTrue(run(alpha, "mkfs.ext4", "/dev/vg0/legacy_00000").success());

      c.write("legacy.yaml", volume("thick", "2 GiB", "vg0/legacy_00000"));
      Plan refused = e.planFor(e.desired(null, null), false, false).plan();
      assertEquals(List.of(), refused.changes());
      assertTrue(
          refused.refused().get(0).reason().contains("is 1 GiB, the volume asks for 2 GiB"),
          refused.refused().toString());

      c.write("legacy.yaml", volume("thick", "1 GiB", "vg0/legacy_00000"));
      Engine.Desired d = e.desired(null, null);
      Plan adopt = e.planFor(d, false, false).plan();
      assertEquals(1, adopt.changes().size(), adopt.changes().toString());
      assertInstanceOf(ObjectSpec.Adoption.class, adopt.changes().get(0).spec());
      e.simulation().cluster().clearCommandLog();
      Engine.Applied applied = e.apply(adopt, d);
      assertEquals(List.of(), applied.failures());
      assertEquals(List.of(), applied.remaining(), "adopted: the next plan is empty");
      assertTrue(run(alpha, "blkid", "/dev/vg0/legacy_00000").out().contains("ext4"));
      List<String> mutations =
          e.simulation().cluster().commandLog("alpha").stream()
              .filter(r -> r.mutating())
              .map(r -> r.argv().get(0))
              .toList();
      assertEquals(List.of("lvchange"), mutations, "adoption only tags");

      // managed from then on: growing it is an ordinary edit
      c.write("legacy.yaml", volume("thick", "2 GiB", "vg0/legacy_00000"));
      Engine.Desired grown = e.desired(null, null);
      Plan grow = e.planFor(grown, false, false).plan();
      assertTrue(
          grow.changes().stream().anyMatch(ch -> ch.action() == Action.RESIZE),
          grow.changes().toString());
      Engine.Applied g = e.apply(grow, grown);
      assertEquals(List.of(), g.failures());
      assertEquals(List.of(), g.remaining());
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }

  @Test
  void aHandMadeZvolIsAdopted() {
    Cluster c = new Cluster(tmp).write("cluster.yaml", Cluster.NODES_AND_POOLS);
    try (Engine e = c.engine()) {
      Host alpha = e.simulation().cluster().host("alpha");
      assertTrue(run(alpha, "zfs", "create", "-V", "1048576KB", "tank/legacy_00000").success());
      c.write("legacy.yaml", volume("zfs", "1 GiB", "tank/legacy_00000"));
      Engine.Desired d = e.desired(null, null);
      Plan adopt = e.planFor(d, false, false).plan();
      assertEquals(1, adopt.changes().size(), adopt.changes().toString() + adopt.refused());
      Engine.Applied applied = e.apply(adopt, d);
      assertEquals(List.of(), applied.failures());
      assertEquals(List.of(), applied.remaining());
      Result owner =
          run(alpha, "zfs", "get", "-H", "-o", "value", "strata:owner", "tank/legacy_00000");
      assertFalse(owner.out().strip().equals("-"), owner.out());
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }
}
