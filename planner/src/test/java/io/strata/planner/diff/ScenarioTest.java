package io.strata.planner.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.Planner;
import io.strata.planner.index.ObservedIndex;
import io.strata.planner.observed.LogicalVolume;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.Divergence;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Plan;
import io.strata.planner.plan.Refusal;
import io.strata.planner.policy.Policy;
import io.strata.planner.testing.Desired;
import io.strata.planner.testing.Observed;
import io.strata.planner.testing.PlanEffects;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import io.strata.schema.model.ProviderType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Whole-planner scenarios: a converged cluster, one change in Git or on the nodes, the plan. */
class ScenarioTest {
  static final List<Layer> DRBD = List.of(Layer.DRBD, Layer.STORAGE);

  static Desired base(int redundancy, String... access) {
    return Desired.create()
        .node("alpha", Map.of("zone", "a"))
        .node("beta", Map.of("zone", "b"))
        .node("gamma", Map.of("zone", "c"))
        .node("delta", Map.of("zone", "d"))
        .poolEverywhere(ProviderType.LVM)
        .template("r", DRBD, Desired.redundancy(redundancy))
        .template("plain", List.of(Layer.STORAGE), Desired.redundancy(1))
        .template("nvme", List.of(Layer.NVME, Layer.STORAGE), Desired.redundancy(1))
        .volume("pg", "10 GiB", "r", List.of(access));
  }

  static ObservedState fresh() {
    return Observed.fresh(100, "alpha", "beta", "gamma", "delta");
  }

  /** Plans and applies until nothing changes (at most 4 rounds). */
  static ObservedState converge(DesiredState d, ObservedState o, Policy p) {
    for (int i = 0; i < 4; i++) {
      Plan plan = Planner.plan(d, o, p, null, "f");
      if (plan.isEmpty()) {
        return o;
      }
      o = PlanEffects.apply(d, o, plan);
    }
    throw new AssertionError("did not converge: " + Planner.plan(d, o, p, null, "f"));
  }

  static List<String> ids(Plan p) {
    return p.changes().stream().map(c -> c.id() + " " + c.action().jsonName()).toList();
  }

  static Plan plan(DesiredState d, ObservedState o) {
    return Planner.plan(d, o, Policy.DEFAULT, null, "f");
  }

  @Test
  void growResizesStorageEverywhereThenDrbdOnce() {
    ObservedState o = converge(base(2).build(), fresh(), Policy.DEFAULT);
    Plan p = plan(base(2).volume("pg", "20 GiB", "r", List.of()).build(), o);
    assertEquals(
        List.of("pg/alpha/storage resize", "pg/beta/storage resize", "pg/alpha/drbd:resize resize"),
        ids(p));
    assertEquals(List.of("pg/alpha/storage", "pg/beta/storage"), p.changes().get(2).dependsOn());
    DesiredState grown = base(2).volume("pg", "20 GiB", "r", List.of()).build();
    assertTrue(plan(grown, PlanEffects.apply(grown, o, p)).isEmpty());
  }

  @Test
  void growBeyondFreeSpaceIsRefusedAndNothingGrows() {
    ObservedState o = converge(base(2).build(), fresh(), Policy.DEFAULT);
    Plan p = plan(base(2).volume("pg", "150 GiB", "r", List.of()).build(), o);
    assertTrue(p.isEmpty(), ids(p).toString());
    assertEquals(
        "cannot grow pg to 150 GiB: alpha: pool alpha-lvm has 90 GiB free, needs 140 GiB more;"
            + " beta: pool beta-lvm has 90 GiB free, needs 140 GiB more; free space in the pool or"
            + " choose a smaller size",
        p.refused().get(0).reason());
  }

  @Test
  void storageLargerThanDeclaredIsAResizedDivergenceNeverAShrinkNorARefusal() {
    DesiredState pg10 = base(2).volume("pg", "10 GiB", "r", List.of()).build();
    ObservedState o = grownByHand(converge(pg10, fresh(), Policy.DEFAULT), "pg_00000");
    // the LVs were grown by hand; DRBD above them still has the declared size
    Plan p =
        plan(
            base(2)
                .volume("pg", "10 GiB", "r", List.of())
                .volume("other", "1 GiB", "r", List.of())
                .build(),
            o);
    assertTrue(p.refused().isEmpty(), () -> "an unrelated plan is not polluted: " + p.refused());
    assertTrue(p.changes().stream().noneMatch(c -> c.volume().equals("pg")), ids(p).toString());
    assertTrue(p.changes().stream().anyMatch(c -> c.volume().equals("other")), ids(p).toString());
    assertEquals(2, p.divergences().size(), p.divergences().toString());
    Divergence.Resized d = (Divergence.Resized) p.divergences().get(0);
    assertEquals("pg", d.volume());
    assertEquals("vg0/pg_00000", d.object());
    assertEquals("resized", d.kind());
    assertTrue(d.observed() > d.declared(), d.toString());
    assertTrue(d.detail().startsWith("vg0/pg_00000 is 20"), d.detail());
  }

  /** A size lowered in Git leaves DRBD larger than declared: refused, so the PR check fails. */
  @Test
  void aSizeLoweredInGitIsARefusedShrink() {
    DesiredState big = base(2).volume("pg", "20 GiB", "r", List.of()).build();
    ObservedState o = converge(big, fresh(), Policy.DEFAULT);
    Plan p = plan(base(2).volume("pg", "10 GiB", "r", List.of()).build(), o);
    assertTrue(p.changes().isEmpty(), ids(p).toString());
    assertEquals(1, p.refused().size(), p.refused().toString());
    assertEquals(Refusal.Kind.SAFETY, p.refused().get(0).kind());
    assertTrue(
        p.refused().get(0).reason().startsWith("would shrink pg from 20 GiB to 10 GiB"),
        p.refused().get(0).reason());
  }

  /** Every LV named {@code lvName} twice as large, as {@code lvextend} by hand leaves it. */
  static ObservedState grownByHand(ObservedState o, String lvName) {
    TreeMap<String, NodeState> nodes = new TreeMap<>(o.nodes());
    nodes.replaceAll(
        (k, n) ->
            withLvs(
                n,
                n.logicalVolumes().stream()
                    .map(
                        lv ->
                            lv.name().equals(lvName)
                                ? new LogicalVolume(
                                    lv.vg(),
                                    lv.name(),
                                    2 * lv.size(),
                                    lv.tags(),
                                    lv.thinPool(),
                                    lv.origin(),
                                    lv.attr())
                                : lv)
                    .toList()));
    return ObservedState.of(nodes, o.unreachable());
  }

  @Test
  void redundancyUpAddsAReplicaAndReconfiguresPeers() {
    ObservedState o = converge(base(2).build(), fresh(), Policy.DEFAULT);
    Plan p = plan(base(3).build(), o);
    // delta had the diskless tiebreaker; with equal free space and no replica yet it gets the
    // third replica (before gamma by name): its resource gains a disk
    assertEquals(
        List.of(
            "pg/delta/storage create",
            "pg/alpha/drbd update",
            "pg/beta/drbd update",
            "pg/delta/drbd update",
            "pg/delta/storage:marker update"),
        ids(p));
    assertTrue(((ObjectSpec.Drbd) p.changes().get(3).spec()).freshBacking());
    DesiredState d3 = base(3).build();
    assertTrue(plan(d3, PlanEffects.apply(d3, o, p)).isEmpty());
  }

  @Test
  void redundancyDownRemovesAfterPeersUpdate() {
    ObservedState o = converge(base(3).build(), fresh(), Policy.DEFAULT);
    Plan p = plan(base(1).build(), o);
    List<String> ids = ids(p);
    assertTrue(ids.contains("pg/alpha/drbd update"), ids.toString());
    Change del = p.changes().stream().filter(c -> c.id().equals("pg/beta/drbd")).findFirst().get();
    assertTrue(del.dependsOn().contains("pg/alpha/drbd"), del.toString());
    assertTrue(ids.indexOf("pg/beta/storage delete") > ids.indexOf("pg/beta/drbd delete"));
  }

  @Test
  void accessAddedThenRemoved() {
    ObservedState o = converge(base(3).build(), fresh(), Policy.DEFAULT);
    String spare =
        List.of("alpha", "beta", "gamma", "delta").stream()
            .filter(n -> !ObservedIndex.of(o).storage("pg").containsKey(n))
            .findFirst()
            .orElseThrow();
    DesiredState withAccess = base(3, spare).build();
    Plan add = plan(withAccess, o);
    assertTrue(ids(add).contains("pg/" + spare + "/drbd create"), ids(add).toString());
    ObservedState o2 = converge(withAccess, o, Policy.DEFAULT);
    Plan remove = plan(base(3).build(), o2);
    assertTrue(ids(remove).contains("pg/" + spare + "/drbd delete"), ids(remove).toString());
  }

  @Test
  void aFormerClientStaysAsTheTiebreaker() {
    ObservedState o = converge(base(2).build(), fresh(), Policy.DEFAULT);
    ObservedState o2 = converge(base(2, "gamma").build(), o, Policy.DEFAULT);
    assertTrue(plan(base(2).build(), o2).isEmpty(), "gamma's diskless resource is reused");
  }

  @Test
  void nvmeInitiatorConnectsAfterExport() {
    DesiredState d =
        base(1).volume("ns", "1 GiB", "nvme", List.of("delta")).withoutVolume("pg").build();
    Plan p = plan(d, fresh());
    List<String> ids = ids(p);
    assertTrue(
        ids.indexOf("ns/delta/nvme connect") > ids.indexOf("ns/alpha/nvme create"), ids.toString());
    ObservedState o = converge(d, fresh(), Policy.DEFAULT);
    Plan off =
        plan(base(1).volume("ns", "1 GiB", "nvme", List.of()).withoutVolume("pg").build(), o);
    // the access node's host NQN leaves the export's allow-list with the access (issue 9)
    assertEquals(List.of("ns/alpha/nvme update", "ns/delta/nvme disconnect"), ids(off));
  }

  @Test
  void orphanIsRetainedUnlessPruneAndMarked() {
    Desired two = base(1).volume("old", "1 GiB", "plain", List.of());
    ObservedState o = converge(two.build(), fresh(), Policy.DEFAULT);
    DesiredState without = base(1).build();
    Plan retained = plan(without, o);
    assertTrue(retained.isEmpty());
    assertTrue(retained.warnings().toString().contains("volume old: orphaned, retained"));
    Plan stillRetained = Planner.plan(without, o, Policy.DEFAULT.withPrune(true), null, "f");
    assertTrue(stillRetained.isEmpty(), "no delete marker → retained even with prune");
    ObservedState marked = mark(o, "old_00000");
    Plan pruned =
        Planner.plan(without, marked, new Policy(true, Policy.Heal.SAFE, 0.5, false), null, "f");
    assertEquals(List.of("old/alpha/storage delete"), ids(pruned));
    Plan guarded = Planner.plan(without, marked, Policy.DEFAULT.withPrune(true), null, "f");
    assertTrue(guarded.isEmpty());
    assertTrue(
        guarded
            .refused()
            .get(0)
            .reason()
            .startsWith("blast-radius guard: this plan would delete 1 of 2 volumes (50 %)"));
    assertEquals(Refusal.Kind.GUARD, guarded.refused().get(0).kind());
    assertEquals(List.of("old"), guarded.refused().get(0).volumes());
    Plan backingOff =
        Planner.plan(
            without,
            marked,
            new Policy(true, Policy.Heal.SAFE, 0.5, false).withBackedOff(Set.of("old")),
            null,
            "f");
    assertTrue(backingOff.isEmpty(), "a volume backing off is held back by the planner");
    assertEquals(Refusal.Kind.BACKOFF, backingOff.refused().get(0).kind());
    assertTrue(backingOff.refused().get(0).reason().startsWith("1 change(s) of old wait"));
    Plan overridden =
        Planner.plan(without, marked, new Policy(true, Policy.Heal.SAFE, 0.1, true), null, "f");
    assertEquals(1, overridden.changes().size());
  }

  @Test
  void unownedObjectInTheWayIsRefused() {
    ObservedState o = fresh();
    NodeState a = o.nodes().get("alpha");
    List<LogicalVolume> lvs = new ArrayList<>(a.logicalVolumes());
    lvs.add(LogicalVolume.of("vg0", "pg_00000", 10L << 30, Set.of()));
    o = replace(o, withLvs(a, lvs));
    Plan p = plan(base(2).build(), o);
    assertTrue(p.isEmpty());
    assertEquals(
        "vg0/pg_00000 exists but is not Strata's (no tag 'strata'); rename or remove it by hand",
        p.refused().get(0).reason());
  }

  @Test
  void placementImpossibleExplainsNodeByNode() {
    Plan p = plan(base(2).volume("pg", "500 GiB", "r", List.of()).build(), fresh());
    assertTrue(p.isEmpty());
    String r = p.refused().get(0).reason();
    assertTrue(
        r.startsWith(
                "cannot place 2 more replica(s) of pg (500 GiB, redundancy 2, 0 existing): alpha:"
                    + " pool alpha-lvm has 100 GiB free, needs 500.0 GiB")
            || r.contains("alpha: pool alpha-lvm has 100 GiB free, needs"),
        r);
    assertTrue(r.contains("delta: pool delta-lvm has 100 GiB free"), r);
  }

  @Test
  void unknownNodeHoldingAReplicaIsKeptAndNotTouched() {
    ObservedState o = converge(base(2).build(), fresh(), Policy.DEFAULT);
    TreeMap<String, NodeState> nodes = new TreeMap<>(o.nodes());
    nodes.remove("beta");
    ObservedState down = ObservedState.of(nodes, Map.of("beta", "ssh: connection refused"));
    Plan p = plan(base(2).build(), down);
    assertTrue(p.isEmpty(), ids(p).toString());
    Plan grown = plan(base(2).volume("pg", "20 GiB", "r", List.of()).build(), down);
    assertTrue(grown.isEmpty(), ids(grown).toString());
    assertTrue(
        grown.refused().get(0).reason().contains("cannot grow pg while the replica on beta"));
  }

  @Test
  void evacuationIsMakeBeforeBreak() {
    ObservedState o = converge(base(2).build(), fresh(), Policy.DEFAULT);
    DesiredState evac = base(2).node("alpha", Map.of("zone", "a"), true).build();
    Plan first = plan(evac, o);
    assertTrue(
        ids(first).stream().noneMatch(s -> s.endsWith("delete") && s.contains("alpha")),
        ids(first).toString());
    ObservedState after = converge(evac, o, Policy.DEFAULT);
    assertTrue(after.nodes().get("alpha").logicalVolumes().isEmpty());
    assertTrue(ObservedIndex.of(after).storage("pg").size() == 2);
  }

  @Test
  void aNodeRemovedFromGitIsReplacedThenDroppedFromThePeersOnly() {
    ObservedState o = converge(base(2).build(), fresh(), Policy.DEFAULT);
    assertTrue(ObservedIndex.of(o).storage("pg").containsKey("beta"));
    // beta leaves Git (and so is no longer observed): its replica is "lost"
    DesiredState without =
        Desired.create()
            .node("alpha", Map.of("zone", "a"))
            .node("gamma", Map.of("zone", "c"))
            .node("delta", Map.of("zone", "d"))
            .poolEverywhere(ProviderType.LVM)
            .template("r", DRBD, Desired.redundancy(2))
            .volume("pg", "10 GiB", "r", List.of())
            .build();
    TreeMap<String, NodeState> nodes = new TreeMap<>(o.nodes());
    nodes.remove("beta");
    ObservedState gone = ObservedState.of(nodes, Map.of());
    Plan first = plan(without, gone);
    assertTrue(ids(first).contains("pg/delta/storage create"), ids(first).toString());
    assertTrue(first.changes().stream().noneMatch(c -> c.node().equals("beta")));
    var cfg =
        ((ObjectSpec.Drbd)
                first.changes().stream()
                    .filter(c -> c.id().equals("pg/alpha/drbd"))
                    .findFirst()
                    .orElseThrow()
                    .spec())
            .config();
    assertTrue(cfg.host("beta").isPresent(), "beta stays in the config until delta is UpToDate");
    ObservedState after = PlanEffects.apply(without, gone, first);
    Plan second = plan(without, after);
    assertTrue(second.changes().stream().noneMatch(c -> c.node().equals("beta")));
    assertTrue(ids(second).contains("pg/alpha/drbd update"), ids(second).toString());
    var cfg2 = ((ObjectSpec.Drbd) second.changes().get(0).spec()).config();
    assertTrue(cfg2.host("beta").isEmpty(), "dropped from the peers' config");
    assertTrue(plan(without, PlanEffects.apply(without, after, second)).isEmpty());
  }

  @Test
  void aVolumeWhoseOnlyReplicaIsUnknownGetsNoFreshOne() {
    ObservedState o = converge(base(1).build(), fresh(), Policy.DEFAULT);
    String holder = ObservedIndex.of(o).storage("pg").firstKey();
    TreeMap<String, NodeState> nodes = new TreeMap<>(o.nodes());
    nodes.remove(holder);
    Plan p = plan(base(1).build(), ObservedState.of(nodes, Map.of(holder, "no route to host")));
    assertTrue(p.isEmpty(), ids(p).toString());
    assertTrue(
        p.refused()
            .get(0)
            .reason()
            .contains(holder + " are unknown (unreachable) and may hold it"));
    // the tiebreaker's configuration names both replicas: they are kept, and no third one is
    // added next to them while neither can be seen
    ObservedState o2 = converge(base(2).build(), fresh(), Policy.DEFAULT);
    TreeMap<String, NodeState> left = new TreeMap<>(o2.nodes());
    left.remove("alpha");
    left.remove("beta");
    Plan p2 =
        plan(base(3).build(), ObservedState.of(left, Map.of("alpha", "down", "beta", "down")));
    assertTrue(p2.isEmpty(), ids(p2).toString());
    assertEquals(
        "every replica of pg is on an unknown node (alpha, beta); no fresh, empty replica is"
            + " placed until they are observed",
        p2.refused().get(0).reason());
  }

  static ObservedState mark(ObservedState o, String lvName) {
    TreeMap<String, NodeState> nodes = new TreeMap<>(o.nodes());
    nodes.replaceAll(
        (k, n) -> {
          List<LogicalVolume> lvs = new ArrayList<>();
          for (LogicalVolume lv : n.logicalVolumes()) {
            if (lv.name().equals(lvName)) {
              TreeSet<String> tags = new TreeSet<>(lv.tags());
              tags.add(ObservedIndex.DELETE_TAG);
              lv =
                  new LogicalVolume(
                      lv.vg(), lv.name(), lv.size(), tags, lv.thinPool(), lv.origin(), lv.attr());
            }
            lvs.add(lv);
          }
          return withLvs(n, lvs);
        });
    return ObservedState.of(nodes, o.unreachable());
  }

  static NodeState withLvs(NodeState n, List<LogicalVolume> lvs) {
    return new NodeState(
        n.node(),
        n.volumeGroups(),
        n.thinPools(),
        n.zpools(),
        lvs,
        n.zvols(),
        n.luksDevices(),
        n.drbdResources(),
        n.nvmeSubsystems(),
        n.nvmeConnections(),
        n.hostNqn(),
        n.unobserved());
  }

  static ObservedState replace(ObservedState o, NodeState n) {
    TreeMap<String, NodeState> nodes = new TreeMap<>(o.nodes());
    nodes.put(n.node(), n);
    return ObservedState.of(nodes, o.unreachable());
  }

  static UnaryOperator<ObservedState> none() {
    return x -> x;
  }
}
