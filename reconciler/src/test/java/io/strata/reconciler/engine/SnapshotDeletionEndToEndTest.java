package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.plan.Action;
import io.strata.planner.plan.Plan;
import io.strata.simulator.state.LedgerEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 8 item 7: a Snapshot that Git removed, with {@code deletionPolicy: Delete} and prune, is an
 * authorized deletion — the ledger records it as such, never as data loss (on every diskful
 * replica, thick LVM, thin LVM and ZFS alike).
 */
class SnapshotDeletionEndToEndTest {
  @TempDir Path tmp;

  private static final String SNAPSHOT =
      """
      apiVersion: strata.io/v1
      kind: Snapshot
      metadata: {name: nightly}
      spec: {volume: db, deletionPolicy: Delete}
      """;

  @ParameterizedTest
  @ValueSource(strings = {"thick", "thin", "zfs"})
  void prunedSnapshotIsNotDataLoss(String pool) throws Exception {
    Cluster c =
        new Cluster(tmp)
            .write("cluster.yaml", Cluster.NODES_AND_POOLS)
            .write(
                "db.yaml", Cluster.templateAndVolume("db", "drbd, storage", pool, 2, "1 GiB", ""))
            .write("snap.yaml", SNAPSHOT);
    try (Engine e = c.engine(1.0)) {
      Engine.Desired d = e.desired(null, null);
      Engine.Applied made = e.apply(e.planFor(d, false, false).plan(), d);
      assertEquals(List.of(), made.failures());
      assertEquals(List.of(), made.remaining());

      Files.delete(c.manifests.resolve("snap.yaml"));
      Engine.Desired gone = e.desired(null, null);
      Plan pruned = e.planFor(gone, false, true).plan();
      assertFalse(pruned.changes().isEmpty(), "the snapshot is pruned");
      assertTrue(pruned.changes().stream().allMatch(ch -> ch.action() == Action.DELETE));
      Engine.Applied applied = e.apply(pruned, gone);
      assertEquals(List.of(), applied.failures());
      assertEquals(List.of(), applied.remaining());

      assertEquals(List.of(), e.simulation().dataLoss());
      List<LedgerEvent> ledger = e.simulation().cluster().ledger();
      assertTrue(ledger.stream().noneMatch(LedgerEvent::dataLoss), ledger::toString);
    }
  }
}
