package io.strata.planner.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.Planner;
import io.strata.planner.index.ObservedIndex;
import io.strata.planner.observed.LogicalVolume;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.observed.Zvol;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Plan;
import io.strata.planner.policy.Policy;
import io.strata.planner.testing.Desired;
import io.strata.planner.testing.Observed;
import io.strata.planner.testing.PlanEffects;
import io.strata.schema.model.DeletionPolicy;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import io.strata.schema.model.ProviderType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Decision 001 end to end in the planner: the delete marker is written on create from the Volume's
 * deletionPolicy/protect, kept in step when the policy changes in Git, and read back when the
 * volume leaves Git.
 */
class OrphanDeletionScenarioTest {
  static final Policy PRUNE = new Policy(true, Policy.Heal.SAFE, 1.0, false);
  static final Policy KEEP = new Policy(false, Policy.Heal.SAFE, 1.0, false);

  static Desired cluster(ProviderType provider) {
    return Desired.create()
        .node("alpha", Map.of("zone", "a"))
        .node("beta", Map.of("zone", "b"))
        .node("gamma", Map.of("zone", "c"))
        .poolEverywhere(provider)
        .template("r", List.of(Layer.DRBD, Layer.STORAGE), Desired.redundancy(2), false)
        .template("plain", List.of(Layer.STORAGE), Desired.redundancy(1));
  }

  static Desired withOld(ProviderType provider, DeletionPolicy policy, boolean protect) {
    return cluster(provider)
        .volume("old", "1 GiB", "r", List.of())
        .deletion("old", policy, protect);
  }

  static ObservedState fresh() {
    return Observed.fresh(100, "alpha", "beta", "gamma");
  }

  static ObservedState applied(DesiredState d, ObservedState o, Policy p) {
    return PlanEffects.apply(d, o, Planner.plan(d, o, p, null, "f"));
  }

  static long markedLvs(ObservedState o, String name) {
    return o.nodes().values().stream()
        .flatMap(n -> n.logicalVolumes().stream())
        .filter(lv -> lv.name().equals(name) && lv.tags().contains(ObservedIndex.DELETE_TAG))
        .count();
  }

  static long lvs(ObservedState o, String name) {
    return o.nodes().values().stream()
        .flatMap(n -> n.logicalVolumes().stream())
        .filter(lv -> lv.name().equals(name))
        .count();
  }

  @Test
  void createCarriesTheMarkerOnlyForDeleteAndNotProtected() {
    for (var c :
        List.of(
            new Object[] {DeletionPolicy.DELETE, false, true},
            new Object[] {DeletionPolicy.DELETE, true, false},
            new Object[] {DeletionPolicy.RETAIN, false, false})) {
      DesiredState d = withOld(ProviderType.LVM, (DeletionPolicy) c[0], (Boolean) c[1]).build();
      Plan p = Planner.plan(d, fresh(), KEEP, null, "f");
      List<ObjectSpec.Lv> storage =
          p.changes().stream()
              .filter(ch -> ch.layer() == Layer.STORAGE && ch.action() == Action.CREATE)
              .map(ch -> (ObjectSpec.Lv) ch.spec())
              .toList();
      assertEquals(2, storage.size());
      assertTrue(storage.stream().allMatch(lv -> lv.deleteMarker() == (Boolean) c[2]), p::toString);
    }
  }

  @Test
  void deleteVolumeLeavingGitIsDeletedTopDownWithPrune() {
    ObservedState o =
        applied(withOld(ProviderType.LVM, DeletionPolicy.DELETE, false).build(), fresh(), KEEP);
    assertEquals(2, markedLvs(o, "old_00000"));
    DesiredState gone = cluster(ProviderType.LVM).build();

    Plan pruned = Planner.plan(gone, o, PRUNE, null, "f");
    assertTrue(pruned.refused().isEmpty(), pruned.refused()::toString);
    assertEquals(4, pruned.changes().size(), pruned.changes()::toString);
    assertTrue(pruned.changes().stream().allMatch(ch -> ch.action() == Action.DELETE));
    for (Change ch : pruned.changes()) {
      if (ch.layer() == Layer.STORAGE) {
        // the storage goes only after the DRBD resource above it on the same node
        assertEquals(List.of("old/" + ch.node() + "/drbd"), ch.dependsOn(), ch::toString);
        assertTrue(((ObjectSpec.Lv) ch.spec()).deleteMarker());
      }
    }
    ObservedState after = PlanEffects.apply(gone, o, pruned);
    assertEquals(0, lvs(after, "old_00000"));
    Plan again = Planner.plan(gone, after, PRUNE, null, "f");
    assertTrue(again.isEmpty(), again::toString);
    assertTrue(again.warnings().stream().noneMatch(w -> w.contains("old")), again::toString);
  }

  @Test
  void withoutPruneItIsRetainedWithAWarning() {
    ObservedState o =
        applied(withOld(ProviderType.LVM, DeletionPolicy.DELETE, false).build(), fresh(), KEEP);
    Plan kept = Planner.plan(cluster(ProviderType.LVM).build(), o, KEEP, null, "f");
    assertTrue(kept.changes().isEmpty(), kept::toString);
    assertTrue(
        kept.warnings().contains("volume old: orphaned, retained (left Git; prune is off)"),
        kept.warnings()::toString);
  }

  @Test
  void protectedVolumeIsRetainedEvenWithPrune() {
    ObservedState o =
        applied(withOld(ProviderType.LVM, DeletionPolicy.DELETE, true).build(), fresh(), KEEP);
    assertEquals(2, lvs(o, "old_00000"));
    assertEquals(0, markedLvs(o, "old_00000"));
    Plan kept = Planner.plan(cluster(ProviderType.LVM).build(), o, PRUNE, null, "f");
    assertTrue(kept.changes().isEmpty(), kept::toString);
    assertTrue(
        kept.warnings().stream()
            .anyMatch(w -> w.contains("its storage does not record deletionPolicy: Delete")),
        kept.warnings()::toString);
  }

  @Test
  void policyFlippedInGitUpdatesTheMarkerBothWays() {
    DesiredState retain = withOld(ProviderType.LVM, DeletionPolicy.RETAIN, false).build();
    ObservedState o = applied(retain, fresh(), KEEP);
    assertEquals(0, markedLvs(o, "old_00000"));

    DesiredState delete = withOld(ProviderType.LVM, DeletionPolicy.DELETE, false).build();
    Plan flip = Planner.plan(delete, o, KEEP, null, "f");
    assertEquals(2, flip.changes().size(), flip::toString);
    for (Change ch : flip.changes()) {
      assertEquals(Action.UPDATE, ch.action());
      assertEquals(Layer.STORAGE, ch.layer());
      assertEquals("old/" + ch.node() + "/storage", ch.id());
      assertEquals(List.of(), ch.dependsOn());
      assertTrue(((ObjectSpec.Lv) ch.spec()).deleteMarker());
    }
    o = PlanEffects.apply(delete, o, flip);
    assertEquals(2, markedLvs(o, "old_00000"));
    assertTrue(Planner.plan(delete, o, KEEP, null, "f").isEmpty());

    // protect: true takes the marker away again
    DesiredState protect = withOld(ProviderType.LVM, DeletionPolicy.DELETE, true).build();
    Plan back = Planner.plan(protect, o, KEEP, null, "f");
    assertEquals(2, back.changes().size(), back::toString);
    assertTrue(back.changes().stream().noneMatch(ch -> ((ObjectSpec.Lv) ch.spec()).deleteMarker()));
    o = PlanEffects.apply(protect, o, back);
    assertEquals(0, markedLvs(o, "old_00000"));
    assertTrue(Planner.plan(protect, o, KEEP, null, "f").isEmpty());
  }

  @Test
  void zfsMarkerIsTheOwnerValue() {
    DesiredState retain = withOld(ProviderType.ZFS, DeletionPolicy.RETAIN, false).build();
    ObservedState o = applied(retain, fresh(), KEEP);
    DesiredState delete = withOld(ProviderType.ZFS, DeletionPolicy.DELETE, false).build();
    Plan flip = Planner.plan(delete, o, KEEP, null, "f");
    assertEquals(2, flip.changes().size(), flip::toString);
    assertTrue(
        flip.changes().stream()
            .allMatch(
                ch ->
                    ch.action() == Action.UPDATE && ((ObjectSpec.Zvol) ch.spec()).deleteMarker()));
    o = PlanEffects.apply(delete, o, flip);
    long marked =
        o.nodes().values().stream()
            .flatMap(n -> n.zvols().stream())
            .map(Zvol::owner)
            .filter(ObservedIndex.DELETE_OWNER::equals)
            .count();
    assertEquals(2, marked);
    Plan pruned = Planner.plan(cluster(ProviderType.ZFS).build(), o, PRUNE, null, "f");
    assertEquals(4, pruned.changes().size(), pruned::toString);
  }

  @Test
  void growAndMarkerTogetherAreTwoChangesInOrder() {
    ObservedState o =
        applied(withOld(ProviderType.LVM, DeletionPolicy.RETAIN, false).build(), fresh(), KEEP);
    DesiredState bigger =
        withOld(ProviderType.LVM, DeletionPolicy.RETAIN, false)
            .volume("old", "2 GiB", "r", List.of())
            .deletion("old", DeletionPolicy.DELETE, false)
            .build();
    Plan p = Planner.plan(bigger, o, KEEP, null, "f");
    Change resize = byId(p, "old/alpha/storage");
    Change marker = byId(p, "old/alpha/storage:marker");
    assertEquals(Action.RESIZE, resize.action());
    assertEquals(Action.UPDATE, marker.action());
    assertEquals(List.of(resize.id()), marker.dependsOn());
    o = PlanEffects.apply(bigger, o, p);
    assertTrue(Planner.plan(bigger, o, KEEP, null, "f").isEmpty());
    assertEquals(2, markedLvs(o, "old_00000"));
  }

  @Test
  void snapshotsCarryTheirOwnPolicy() {
    Desired d =
        cluster(ProviderType.LVM_THIN)
            .volume("vol", "1 GiB", "plain", List.of())
            .snapshot("nightly", "vol", DeletionPolicy.DELETE)
            .snapshot("keep", "vol", DeletionPolicy.RETAIN);
    ObservedState o = fresh();
    o = applied(d.build(), o, KEEP);
    o = applied(d.build(), o, KEEP);
    assertTrue(Planner.plan(d.build(), o, KEEP, null, "f").isEmpty());
    LogicalVolume nightly = snapshotLv(o, "nightly");
    LogicalVolume keep = snapshotLv(o, "keep");
    assertTrue(nightly.tags().contains(ObservedIndex.DELETE_TAG), nightly::toString);
    assertFalse(keep.tags().contains(ObservedIndex.DELETE_TAG), keep::toString);

    // both leave Git: with prune only the Delete one goes
    Desired without = cluster(ProviderType.LVM_THIN).volume("vol", "1 GiB", "plain", List.of());
    Plan p = Planner.plan(without.build(), o, PRUNE, null, "f");
    assertEquals(1, p.changes().size(), p::toString);
    assertEquals(Action.DELETE, p.changes().get(0).action());
    assertTrue(p.changes().get(0).object().endsWith("/nightly"), p::toString);
    assertTrue(p.warnings().stream().anyMatch(w -> w.contains("keep") && w.contains("retained")));

    // the Retain one flipped to Delete in Git: an update marks it
    Desired flipped =
        cluster(ProviderType.LVM_THIN)
            .volume("vol", "1 GiB", "plain", List.of())
            .snapshot("nightly", "vol", DeletionPolicy.DELETE)
            .snapshot("keep", "vol", DeletionPolicy.DELETE);
    Plan u = Planner.plan(flipped.build(), o, KEEP, null, "f");
    assertEquals(1, u.changes().size(), u::toString);
    Change ch = u.changes().get(0);
    assertEquals(Action.UPDATE, ch.action());
    assertTrue(((ObjectSpec.StorageSnapshot) ch.spec()).deleteMarker());
    o = PlanEffects.apply(flipped.build(), o, u);
    assertTrue(snapshotLv(o, "keep").tags().contains(ObservedIndex.DELETE_TAG));
    assertTrue(Planner.plan(flipped.build(), o, KEEP, null, "f").isEmpty());
  }

  static LogicalVolume snapshotLv(ObservedState o, String name) {
    return o.nodes().values().stream()
        .flatMap(n -> n.logicalVolumes().stream())
        .filter(lv -> lv.name().equals(name) && lv.isSnapshot())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no snapshot LV " + name + " in " + o));
  }

  static Change byId(Plan p, String id) {
    return p.changes().stream()
        .filter(c -> c.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no change " + id + " in " + p.changes()));
  }

  /**
   * The kernel lab (ZFS on vm3): a volume, its Snapshot, a restore from it and a clone of it all
   * leave Git. The clones' storage is deleted first, then the origin's snapshots (a zfs snapshot
   * with a clone cannot be destroyed), then the origin — in one plan. Before, the origin was
   * refused ("delete v-copy, v-restored first") although the same plan deleted them, so `apply
   * --prune` needed a second run to converge. A clone that stays in Git still protects its origin.
   */
  @Test
  void anOriginLeavingGitWithItsZfsClonesIsDeletedAfterThemInOnePlan() {
    long GIB = Observed.GIB;
    String marked = ObservedIndex.DELETE_OWNER;
    NodeState alpha = Observed.emptyNode("alpha", 100);
    ObservedState o =
        ObservedState.of(
            Map.of(
                "alpha",
                new NodeState(
                    "alpha",
                    alpha.volumeGroups(),
                    alpha.thinPools(),
                    alpha.zpools(),
                    List.of(),
                    List.of(
                        new Zvol("tank/v_00000", GIB, 0, GIB, marked),
                        new Zvol("tank/v_00000@s", GIB, 0, 0, marked),
                        new Zvol("tank/v_00000@clone_v-copy", GIB, 0, 0, marked),
                        new Zvol(
                            "tank/v-restored_00000", GIB, 0, GIB, marked, null, "snapshot:v/s"),
                        new Zvol("tank/v-copy_00000", GIB, 0, GIB, marked, null, "volume:v")),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    alpha.hostNqn(),
                    Map.of())),
            Map.of());
    Desired d =
        Desired.create()
            .nodes("alpha")
            .poolEverywhere(ProviderType.ZFS)
            .template("plain", List.of(Layer.STORAGE), Desired.redundancy(1));

    Plan all = Planner.plan(d.build(), o, PRUNE, null, "f");
    assertTrue(all.refused().isEmpty(), () -> "refused: " + all.refused());
    Map<String, Change> byId = new java.util.HashMap<>();
    all.changes().forEach(c -> byId.put(c.id(), c));
    assertEquals(
        java.util.Set.of(
            "v/alpha/storage",
            "v/alpha/storage:snapshot-s",
            "v/alpha/storage:snapshot-clone_v-copy",
            "v-restored/alpha/storage",
            "v-copy/alpha/storage"),
        byId.keySet());
    assertTrue(all.changes().stream().allMatch(c -> c.action() == Action.DELETE));
    for (String snap :
        List.of("v/alpha/storage:snapshot-s", "v/alpha/storage:snapshot-clone_v-copy")) {
      assertTrue(
          byId.get(snap)
              .dependsOn()
              .containsAll(List.of("v-restored/alpha/storage", "v-copy/alpha/storage")),
          () -> snap + " depends on " + byId.get(snap).dependsOn());
    }
    List<String> order = all.changes().stream().map(Change::id).toList();
    assertTrue(
        order.indexOf("v-copy/alpha/storage")
                < order.indexOf("v/alpha/storage:snapshot-clone_v-copy")
            && order.indexOf("v-restored/alpha/storage")
                < order.indexOf("v/alpha/storage:snapshot-s")
            && order.indexOf("v/alpha/storage:snapshot-s") < order.indexOf("v/alpha/storage"),
        () -> "order " + order);

    // v-restored stays in Git: the origin and its snapshot s stay (refused), v-copy goes
    Plan some =
        Planner.plan(
            d.volume("v-restored", "1 GiB", "plain", List.of()).build(), o, PRUNE, null, "f");
    assertEquals(List.of("v"), some.refused().stream().map(r -> r.volume()).toList());
    assertTrue(
        some.refused().get(0).reason().contains("v-copy, v-restored was cloned from it"),
        () -> some.refused().get(0).reason());
    assertEquals(
        List.of("v-copy/alpha/storage"),
        some.changes().stream().filter(c -> c.action() == Action.DELETE).map(Change::id).toList());
  }
}
