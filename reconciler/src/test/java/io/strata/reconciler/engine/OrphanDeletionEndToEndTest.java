package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.index.ObservedIndex;
import io.strata.planner.naming.Names;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.Plan;
import io.strata.schema.model.Layer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decision 001 on the simulated cluster: a volume with {@code deletionPolicy: Delete} that leaves
 * Git is deleted by a plan with prune (top-down, every delete authorized, no data-loss event) and
 * retained without prune; a policy flipped in Git updates the marker on the nodes.
 */
class OrphanDeletionEndToEndTest {
  @TempDir Path tmp;

  private static String volume(String policy) {
    return Cluster.templateAndVolume("old", "drbd, storage", "thick", 2, "1 GiB", "")
        .replace("access: [", "deletionPolicy: " + policy + ", access: [");
  }

  private static void converge(Engine e, Engine.Desired d) {
    Engine.Applied a = e.apply(e.planFor(d, false, false).plan(), d);
    assertEquals(List.of(), a.failures());
    assertEquals(List.of(), a.remaining(), "second plan must be empty");
  }

  private static long storage(Engine e, Engine.Desired d, boolean marked) {
    ObservedState o = e.observe(d.state()).state();
    return o.nodes().values().stream()
        .flatMap(n -> n.logicalVolumes().stream())
        .filter(lv -> lv.name().equals(Names.storageName("old")))
        .filter(lv -> !marked || lv.tags().contains(ObservedIndex.DELETE_TAG))
        .count();
  }

  @Test
  void deleteVolumeLeavingGitIsPrunedWithoutDataLoss() throws Exception {
    Cluster c =
        new Cluster(tmp)
            .write("cluster.yaml", Cluster.NODES_AND_POOLS)
            .write("old.yaml", volume("Delete"));
    try (Engine e = c.engine(1.0)) {
      Engine.Desired d = e.desired(null, null);
      converge(e, d);
      assertEquals(2, storage(e, d, true), "both replicas carry the delete marker");

      Files.delete(c.manifests.resolve("old.yaml"));
      Engine.Desired gone = e.desired(null, null);
      Plan pruned = e.planFor(gone, false, true).plan();
      assertTrue(pruned.refused().isEmpty(), pruned.refused()::toString);
      assertFalse(pruned.changes().isEmpty());
      assertTrue(
          pruned.changes().stream().allMatch(ch -> ch.action() == Action.DELETE),
          pruned.changes()::toString);
      List<Change> storageDeletes =
          pruned.changes().stream().filter(ch -> ch.layer() == Layer.STORAGE).toList();
      assertEquals(2, storageDeletes.size(), pruned.changes()::toString);
      for (Change ch : storageDeletes) {
        assertTrue(
            ch.dependsOn().contains("old/" + ch.node() + "/drbd"), "top-down: " + ch.dependsOn());
      }

      Engine.Applied applied = e.apply(pruned, gone);
      assertEquals(List.of(), applied.failures());
      assertEquals(List.of(), applied.remaining());
      assertTrue(e.planFor(gone, false, true).plan().isEmpty(), "nothing left to prune");
      assertEquals(0, storage(e, gone, false));
      ObservedState o = e.observe(gone.state()).state();
      assertTrue(
          o.nodes().values().stream().allMatch(n -> n.drbdResource("old").isEmpty()),
          "DRBD resource gone everywhere");
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }

  @Test
  void withoutPruneItIsRetainedAndNothingIsDeleted() throws Exception {
    Cluster c =
        new Cluster(tmp)
            .write("cluster.yaml", Cluster.NODES_AND_POOLS)
            .write("old.yaml", volume("Delete"));
    try (Engine e = c.engine(1.0)) {
      Engine.Desired d = e.desired(null, null);
      converge(e, d);
      Files.delete(c.manifests.resolve("old.yaml"));
      Engine.Desired gone = e.desired(null, null);
      Plan kept = e.planFor(gone, false, false).plan();
      assertTrue(kept.changes().isEmpty(), kept.changes()::toString);
      assertTrue(
          kept.warnings().contains("volume old: orphaned, retained (left Git; prune is off)"),
          kept.warnings()::toString);
      e.apply(kept, gone);
      assertEquals(2, storage(e, gone, true));
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }

  @Test
  void retainFlippedToDeleteInGitMarksTheStorageThenPrunes() throws Exception {
    Cluster c =
        new Cluster(tmp)
            .write("cluster.yaml", Cluster.NODES_AND_POOLS)
            .write("old.yaml", volume("Retain"));
    try (Engine e = c.engine(1.0)) {
      Engine.Desired retain = e.desired(null, null);
      converge(e, retain);
      assertEquals(0, storage(e, retain, true));
      Files.delete(c.manifests.resolve("old.yaml"));
      assertTrue(
          e.planFor(e.desired(null, null), false, true).plan().changes().isEmpty(),
          "Retain: kept even with prune");

      c.write("old.yaml", volume("Delete"));
      Engine.Desired delete = e.desired(null, null);
      Plan flip = e.planFor(delete, false, false).plan();
      assertEquals(2, flip.changes().size(), flip.changes()::toString);
      assertTrue(
          flip.changes().stream()
              .allMatch(ch -> ch.action() == Action.UPDATE && ch.layer() == Layer.STORAGE));
      converge(e, delete);
      assertEquals(2, storage(e, delete, true));

      Files.delete(c.manifests.resolve("old.yaml"));
      Engine.Desired gone = e.desired(null, null);
      Engine.Applied applied = e.apply(e.planFor(gone, false, true).plan(), gone);
      assertEquals(List.of(), applied.failures());
      assertEquals(0, storage(e, gone, false));
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }
}
