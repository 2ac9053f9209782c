package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Plan;
import io.strata.simulator.cmd.Devices;
import io.strata.simulator.state.SimNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: {@code Volume.spec.source} on the simulated cluster (decision 027). A volume restored
 * from a snapshot or cloned from a volume starts with its source's data (the same data identity in
 * the simulator's ledger), the plan after it is empty, no data is lost, a changed source is
 * refused, and the snapshot a ZFS clone depends on cannot be pruned.
 */
class RestoreEndToEndTest {
  @TempDir Path tmp;

  private static final String TEMPLATE =
      """
      apiVersion: strata.io/v1
      kind: ResourceTemplate
      metadata: {name: plain}
      spec: {layers: [storage], placement: {redundancy: 1}}
      """;

  /** A volume on alpha's {@code pool}; {@code source} as in {@link #clone}. */
  private static String volume(String name, String pool, String size, String source) {
    return clone(name, size, source) + "  placement: {nodes: [alpha], pools: [" + pool + "]}\n";
  }

  /** A volume placed by the planner; {@code source}: its spec.source in flow style, or null. */
  private static String clone(String name, String size, String source) {
    return """
        ---
        apiVersion: strata.io/v1
        kind: Volume
        metadata: {name: %s}
        spec:
          size: %s
          template: plain
          deletionPolicy: Delete
        %s"""
        .formatted(name, size, source == null ? "" : "  source: " + source + "\n");
  }

  private static final String SNAPSHOT =
      """
      ---
      apiVersion: strata.io/v1
      kind: Snapshot
      metadata: {name: pg-nightly}
      spec: {volume: pg, deletionPolicy: Delete}
      """;

  /** Plans and applies until nothing is left; fails on any failure. */
  private static Plan converge(Engine e) {
    Engine.Desired d = e.desired(null, null);
    Plan p = e.planFor(d, false, false).plan();
    Engine.Applied a = e.apply(p, d);
    assertEquals(List.of(), a.failures(), a.summary());
    assertEquals(List.of(), a.remaining(), "the plan after apply is empty");
    return p;
  }

  private static String dataId(Engine e, String device) {
    return e.simulation()
        .cluster()
        .inspect(
            cs -> {
              SimNode n = cs.nodes().get("alpha");
              return Devices.resolve(cs, n, device)
                  .map(d -> Devices.content(cs, n, d))
                  .map(c -> c.dataId)
                  .orElse(null);
            });
  }

  private static ObjectSpec.StorageClone cloneSpec(Plan p) {
    return p.changes().stream()
        .map(Change::spec)
        .filter(ObjectSpec.StorageClone.class::isInstance)
        .map(ObjectSpec.StorageClone.class::cast)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no clone in " + p.changes()));
  }

  private static Result run(Host h, String... argv) {
    return h.run(List.of(argv), new byte[0], Duration.ofSeconds(5));
  }

  @Test
  void aThinSnapshotIsRestoredIntoALargerVolumeWithItsData() {
    Cluster c = new Cluster(tmp).write("cluster.yaml", Cluster.NODES_AND_POOLS);
    try (Engine e = c.engine()) {
      c.write("v.yaml", TEMPLATE + volume("pg", "thin", "1 GiB", null));
      converge(e);
      String data = dataId(e, "/dev/vg0/pg_00000");
      assertNotNull(data, "the volume was handed out and holds data");
      c.write("v.yaml", TEMPLATE + volume("pg", "thin", "1 GiB", null) + SNAPSHOT);
      converge(e);
      c.write(
          "v.yaml",
          TEMPLATE
              + volume("pg", "thin", "1 GiB", null)
              + SNAPSHOT
              + clone("pg-restore", "2 GiB", "{snapshot: pg-nightly}"));
      Plan p = converge(e);
      assertEquals(ObjectSpec.StorageClone.Method.THIN_SNAPSHOT, cloneSpec(p).method());
      assertTrue(p.changes().stream().anyMatch(ch -> ch.action() == Action.RESIZE), "grown after");
      assertEquals(data, dataId(e, "/dev/vg0/pg-restore_00000"), "the snapshot's data");
      Result lvs =
          run(
              e.simulation().cluster().host("alpha"),
              "lvs",
              "--reportformat",
              "json",
              "--units",
              "b",
              "--nosuffix",
              "-o",
              "lv_name,lv_size,lv_tags",
              "vg0");
      assertTrue(lvs.out().contains("strata-source=snapshot:pg/pg-nightly"), lvs.out());
      assertTrue(lvs.out().contains("2147483648"), "grown to 2 GiB: " + lvs.out());

      // the source is fixed: another one is refused, nothing is re-copied
      c.write(
          "v.yaml",
          TEMPLATE
              + volume("pg", "thin", "1 GiB", null)
              + SNAPSHOT
              + clone("pg-restore", "2 GiB", "{volume: pg}"));
      Plan changed = e.planFor(e.desired(null, null), false, false).plan();
      assertEquals(List.of(), changed.changes());
      assertTrue(
          changed.refused().get(0).reason().contains("never re-copied"),
          changed.refused().toString());
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }

  @Test
  void aThickVolumeIsClonedByABlockCopy() {
    Cluster c = new Cluster(tmp).write("cluster.yaml", Cluster.NODES_AND_POOLS);
    try (Engine e = c.engine()) {
      c.write("v.yaml", TEMPLATE + volume("pg", "thick", "1 GiB", null));
      converge(e);
      String data = dataId(e, "/dev/vg0/pg_00000");
      assertNotNull(data);
      c.write(
          "v.yaml",
          TEMPLATE
              + volume("pg", "thick", "1 GiB", null)
              + clone("pg-copy", "1 GiB", "{volume: pg}"));
      e.simulation().cluster().clearCommandLog();
      Plan p = converge(e);
      ObjectSpec.StorageClone spec = cloneSpec(p);
      assertEquals(ObjectSpec.StorageClone.Method.BLOCK_COPY, spec.method());
      assertEquals(1L << 30, spec.copyBytes());
      assertEquals(1L << 30, p.cost().bytes(), "the copy is in the plan's data movement");
      List<String> tools =
          e.simulation().cluster().commandLog("alpha").stream()
              .filter(r -> r.mutating())
              .map(r -> r.argv().get(0))
              .toList();
      assertTrue(tools.contains("dd"), tools.toString());
      assertEquals(data, dataId(e, "/dev/vg0/pg-copy_00000"), "every block copied");
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }

  @Test
  void aZvolIsClonedAndTheSnapshotItDependsOnIsNeverPruned() {
    Cluster c = new Cluster(tmp).write("cluster.yaml", Cluster.NODES_AND_POOLS);
    try (Engine e = c.engine()) {
      c.write("v.yaml", TEMPLATE + volume("pg", "zfs", "1 GiB", null) + SNAPSHOT);
      converge(e);
      c.write(
          "v.yaml",
          TEMPLATE
              + volume("pg", "zfs", "1 GiB", null)
              + SNAPSHOT
              + clone("pg-restore", "1 GiB", "{snapshot: pg-nightly}")
              + clone("pg-copy", "1 GiB", "{volume: pg}"));
      Plan p = converge(e);
      assertEquals(2, p.changes().size(), p.changes().toString());
      String data = dataId(e, "/dev/zvol/tank/pg_00000");
      assertNotNull(data);
      assertEquals(data, dataId(e, "/dev/zvol/tank/pg-copy_00000"));
      Host alpha = e.simulation().cluster().host("alpha");
      Result origin = run(alpha, "zfs", "get", "-H", "-o", "value", "origin", "tank/pg-copy_00000");
      assertEquals("tank/pg_00000@clone_pg-copy", origin.out().strip());

      // the snapshot leaves Git and pg-restore no longer names it: pruning it would break the
      // clone, so the plan refuses (and zfs itself would refuse too)
      c.write(
          "v.yaml",
          TEMPLATE
              + volume("pg", "zfs", "1 GiB", null)
              + clone("pg-restore", "1 GiB", null)
              + clone("pg-copy", "1 GiB", null));
      Plan prune = e.planFor(e.desired(null, null), false, true).plan();
      assertFalse(
          prune.changes().stream().anyMatch(ch -> ch.action() == Action.DELETE),
          prune.changes().toString());
      assertTrue(
          prune.refused().stream().anyMatch(r -> r.reason().contains("depends on it")),
          prune.refused().toString());
      Result destroy = run(alpha, "zfs", "destroy", "tank/pg_00000@pg-nightly");
      assertEquals(1, destroy.exitCode());
      assertTrue(destroy.err().contains("dependent clones"), destroy.err());
      assertEquals(List.of(), e.simulation().dataLoss());

      // the source and both clones leave Git: one pruning plan deletes them all, the clones
      // first (kernel lab, decision 027: the source used to be refused until a second run)
      c.write("v.yaml", TEMPLATE);
      Engine.Desired gone = e.desired(null, null);
      Plan all = e.planFor(gone, false, true, true).plan();
      assertEquals(List.of(), all.refused(), all.refused().toString());
      Engine.Applied a = e.apply(all, gone);
      assertEquals(List.of(), a.failures(), a.summary());
      Result left = run(alpha, "zfs", "list", "-H", "-t", "all", "-o", "name", "-r", "tank");
      assertEquals("tank", left.out().strip());
    }
  }
}
