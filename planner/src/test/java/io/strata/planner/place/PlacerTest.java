package io.strata.planner.place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.alloc.VolumeSizes;
import io.strata.planner.index.ObservedIndex;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.testing.Desired;
import io.strata.planner.testing.Observed;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import io.strata.schema.model.Placement;
import io.strata.schema.model.ProviderType;
import io.strata.schema.model.Volume;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PlacerTest {
  static final List<Layer> DRBD = List.of(Layer.DRBD, Layer.STORAGE);

  static ObservedState sized(Map<String, Long> gib) {
    TreeMap<String, NodeState> m = new TreeMap<>();
    gib.forEach((n, g) -> m.put(n, Observed.emptyNode(n, g)));
    return ObservedState.of(m, Map.of());
  }

  static VolumePlacement place(DesiredState d, ObservedState o, String volume) {
    Placer p = new Placer(d, ObservedIndex.of(o));
    VolumePlacement last = null;
    for (Volume v : d.volumes().values()) {
      boolean drbd = d.templateOf(v).has(Layer.DRBD);
      last = p.place(v, new VolumeSizes(v.size().bytes(), drbd ? 7 : 0, drbd, false));
      if (v.name().equals(volume)) {
        return last;
      }
    }
    return last;
  }

  static List<String> nodes(VolumePlacement vp) {
    return vp.diskful().stream().map(Replica::node).toList();
  }

  @Test
  void mostFreeSpaceFirstThenName() {
    DesiredState d =
        Desired.create()
            .nodes("alpha", "beta", "gamma")
            .poolEverywhere(ProviderType.LVM)
            .template("r", DRBD, Desired.redundancy(2))
            .volume("v", "10 GiB", "r", List.of())
            .build();
    VolumePlacement vp = place(d, sized(Map.of("alpha", 50L, "beta", 80L, "gamma", 80L)), "v");
    assertEquals(List.of("beta", "gamma"), nodes(vp));
    assertEquals("alpha", vp.tiebreaker());
  }

  @Test
  void tiebreakersSpreadOverNodesRatherThanPilingOnOne() {
    Desired b = Desired.create().nodes("a", "b", "c", "d", "e", "f");
    b.poolEverywhere(ProviderType.LVM).template("r", DRBD, Desired.redundancy(2));
    for (int i = 0; i < 30; i++) {
      b.volume(String.format("v%02d", i), "1 GiB", "r", List.of());
    }
    DesiredState d = b.build();
    Placer p =
        new Placer(
            d,
            ObservedIndex.of(
                sized(Map.of("a", 400L, "b", 500L, "c", 500L, "d", 500L, "e", 500L, "f", 500L))));
    Map<String, Integer> tiebreakers = new TreeMap<>();
    for (Volume v : d.volumes().values()) {
      VolumePlacement vp = p.place(v, new VolumeSizes(v.size().bytes(), 7, true, false));
      tiebreakers.merge(vp.tiebreaker(), 1, Integer::sum);
    }
    assertTrue(
        // b–f hold 12 diskful replicas each; a, with no disk use, takes no more DRBD members
        tiebreakers.values().stream().allMatch(n -> n <= 15),
        "a has least free space, so no diskful replica; its tiebreakers still stay few: "
            + tiebreakers);
  }

  @Test
  void reservationsWithinOnePlanSpreadVolumes() {
    DesiredState d =
        Desired.create()
            .nodes("alpha", "beta")
            .poolEverywhere(ProviderType.LVM)
            .template("r", List.of(Layer.STORAGE), Desired.redundancy(1))
            .volume("a", "30 GiB", "r", List.of())
            .volume("b", "30 GiB", "r", List.of())
            .build();
    ObservedState o = sized(Map.of("alpha", 50L, "beta", 50L));
    assertEquals(List.of("beta"), nodes(place(d, o, "b")), "alpha took a; beta has more free");
  }

  @Test
  void spreadAcrossZones() {
    DesiredState d =
        Desired.create()
            .node("alpha", Map.of("zone", "a"))
            .node("beta", Map.of("zone", "a"))
            .node("gamma", Map.of("zone", "b"))
            .poolEverywhere(ProviderType.LVM)
            .template("r", DRBD, Desired.spread(2, "zone"))
            .volume("v", "10 GiB", "r", List.of())
            .build();
    VolumePlacement vp = place(d, sized(Map.of("alpha", 90L, "beta", 80L, "gamma", 10L + 1)), "v");
    assertEquals(List.of("alpha", "gamma"), nodes(vp));
  }

  @Test
  void refusalExplainsEveryNode() {
    DesiredState d =
        Desired.create()
            .node("alpha", Map.of("zone", "a"))
            .node("beta", Map.of("zone", "a"))
            .node("gamma", Map.of("zone", "b"), true)
            .node("delta", Map.of("zone", "c"))
            .poolEverywhere(ProviderType.LVM)
            .template("r", DRBD, Desired.spread(3, "zone"))
            .volume("v", "10 GiB", "r", List.of())
            .build();
    TreeMap<String, NodeState> m = new TreeMap<>();
    m.put("alpha", Observed.emptyNode("alpha", 50));
    m.put("beta", Observed.emptyNode("beta", 40));
    m.put("gamma", Observed.emptyNode("gamma", 50));
    ObservedState o = ObservedState.of(m, Map.of("delta", "timeout"));
    VolumePlacement vp = place(d, o, "v");
    assertTrue(vp.refused());
    String r = vp.refusals().get(0).reason();
    assertTrue(r.contains("delta are unknown (unreachable) and may hold it"), r);
    // with delta observed but too small, the placement explains itself node by node
    m.put("delta", Observed.emptyNode("delta", 3));
    VolumePlacement vp2 = place(d, ObservedState.of(m, Map.of()), "v");
    String r2 = vp2.refusals().get(0).reason();
    assertEquals(
        "cannot place 3 more replica(s) of v (10 GiB, redundancy 3, 0 existing): spreadAcross"
            + " zone: the eligible nodes cover a, 3 more needed; alpha: eligible;"
            + " beta: eligible; delta: pool delta-lvm has 3 GiB free, needs 10 GiB; gamma:"
            + " evacuating",
        r2);
  }

  @Test
  void explicitNodesAndSelector() {
    DesiredState d =
        Desired.create()
            .node("alpha", Map.of("tier", "ssd"))
            .node("beta", Map.of("tier", "hdd"))
            .node("gamma", Map.of("tier", "ssd"))
            .poolEverywhere(ProviderType.LVM)
            .template(
                "r", DRBD, new Placement(1, List.of(), List.of(), null, Map.of("tier", "ssd")))
            .volume(
                "v",
                "1 GiB",
                "r",
                new Placement(1, List.of("beta", "gamma"), List.of(), null, Map.of()),
                List.of())
            .build();
    VolumePlacement vp = place(d, sized(Map.of("alpha", 90L, "beta", 90L, "gamma", 10L)), "v");
    assertEquals(List.of("gamma"), nodes(vp));
    assertNull(vp.tiebreaker(), "one diskful replica needs no tiebreaker");
  }

  @Test
  void oneProviderTypePerVolume() {
    DesiredState d =
        Desired.create()
            .nodes("alpha", "beta")
            .pool("alpha-lvm", "alpha", ProviderType.LVM, 1)
            .pool("beta-zfs", "beta", ProviderType.ZFS, 1)
            .pool("beta-lvm", "beta", ProviderType.LVM, 1)
            .template("r", DRBD, Desired.redundancy(2))
            .volume("v", "1 GiB", "r", List.of())
            .build();
    VolumePlacement vp = place(d, sized(Map.of("alpha", 10L, "beta", 90L)), "v");
    assertEquals(List.of("alpha", "beta"), nodes(vp));
    assertTrue(vp.diskful().stream().allMatch(r -> r.provider() == ProviderType.LVM));
  }

  @Test
  void nvmeAccessGetsAnInitiatorAndDrbdAccessAClient() {
    DesiredState d =
        Desired.create()
            .nodes("alpha", "beta", "gamma")
            .poolEverywhere(ProviderType.LVM)
            .template("n", List.of(Layer.NVME, Layer.STORAGE), Desired.redundancy(1))
            .template("r", DRBD, Desired.redundancy(2))
            .volume("a", "1 GiB", "n", List.of("gamma"))
            .volume("b", "1 GiB", "r", List.of("gamma"))
            .build();
    ObservedState o = sized(Map.of("alpha", 90L, "beta", 80L, "gamma", 10L));
    VolumePlacement a = place(d, o, "a");
    assertEquals(List.of("alpha"), nodes(a));
    assertEquals(List.of("gamma"), List.copyOf(a.initiators()));
    VolumePlacement b = place(d, o, "b");
    assertEquals(List.of("gamma"), List.copyOf(b.clients()));
    assertNull(b.tiebreaker(), "the diskless client already gives quorum its third vote");
  }
}
