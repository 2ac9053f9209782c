package io.strata.planner.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.json.ObservedJson;
import io.strata.planner.observed.LogicalVolume;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.observed.ThinPool;
import io.strata.planner.observed.Zpool;
import io.strata.planner.observed.Zvol;
import io.strata.planner.plan.Plan;
import io.strata.planner.samples.SampleObserved;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintTest {

  private static ObservedState with(NodeState alpha) {
    return ObservedState.of(Map.of("alpha", alpha), Map.of());
  }

  @Test
  void isSha256Hex() {
    String f = Fingerprint.of(SampleObserved.cluster());
    assertTrue(f.matches("sha256:[0-9a-f]{64}"), f);
  }

  /** The daemon's one-tree form gives what the two separate calls give. */
  @Test
  void canonicalIsTheJsonAndTheFingerprint() {
    ObservedState s = SampleObserved.cluster();
    Fingerprint.Canonical c = Fingerprint.canonical(s);
    assertEquals(ObservedJson.write(s), c.json());
    assertEquals(Fingerprint.of(s), c.fingerprint());
  }

  /**
   * Observations one after another, as the daemon makes them: some nodes the very objects of the
   * last one, some new, some gone, one unreachable. The pieces give what canonical gives each time.
   */
  @Test
  void piecesGiveTheCanonicalFormAcrossObservations() {
    ObservedState full = SampleObserved.cluster();
    Fingerprint.Pieces pieces = new Fingerprint.Pieces();
    List<ObservedState> sequence = new ArrayList<>();
    sequence.add(full);
    sequence.add(full); // every node the same object
    Map<String, NodeState> some = new java.util.TreeMap<>(full.nodes());
    String first = some.keySet().iterator().next();
    some.put(first, ObservedJson.read(ObservedJson.write(full)).nodes().get(first)); // equal, new
    sequence.add(ObservedState.of(some, Map.of()));
    some.put(first, SampleObserved.alpha(42.5, 1L << 30)); // another state of that node
    if (!first.equals("alpha")) {
      some.put("alpha", SampleObserved.alpha(42.5, 1L << 30));
      some.remove(first);
    }
    sequence.add(ObservedState.of(some, Map.of("zulu", "ssh: connection refused")));
    sequence.add(ObservedState.of(Map.of(), Map.of()));
    sequence.add(full);
    for (ObservedState s : sequence) {
      Fingerprint.Canonical c = pieces.canonical(s);
      assertEquals(Fingerprint.canonical(s), c);
    }
  }

  @Test
  void equalStatesGiveEqualFingerprints() {
    ObservedState a = SampleObserved.cluster();
    ObservedState b = ObservedJson.read(ObservedJson.write(a));
    assertEquals(Fingerprint.of(a), Fingerprint.of(b));
  }

  @Test
  void pinnedValueStaysStable() {
    // Changing the canonical JSON changes every saved plan's fingerprint (all go stale): do it
    // only on purpose, and update this value together with a note in the release notes.
    assertEquals(
        "sha256:d4c7372cef2bb515b318d1be6fe9dda74a7946835724f2ed0aa7c18a2d8da6a6",
        Fingerprint.of(SampleObserved.cluster()));
  }

  @Test
  void syncProgressAndDataWrittenDoNotChangeIt() {
    String before = Fingerprint.of(with(SampleObserved.alpha(42.5, 1L << 30)));
    assertEquals(before, Fingerprint.of(with(SampleObserved.alpha(97.0, 3L << 30))));
    NodeState a = SampleObserved.alpha(42.5, 1L << 30);
    List<Zvol> zvols = new ArrayList<>();
    for (Zvol z : a.zvols()) {
      zvols.add(new Zvol(z.dataset(), z.volsize(), z.used() * 7, z.refreservation(), z.owner()));
    }
    List<Zpool> pools = List.of(new Zpool("tank", a.zpools().get(0).size(), 1));
    NodeState written =
        new NodeState(
            a.node(),
            a.volumeGroups(),
            a.thinPools(),
            pools,
            a.logicalVolumes(),
            zvols,
            a.luksDevices(),
            a.drbdResources(),
            a.nvmeSubsystems(),
            a.nvmeConnections());
    assertEquals(before, Fingerprint.of(with(written)));
  }

  @Test
  void anyRealChangeChangesIt() {
    NodeState a = SampleObserved.alpha(42.5, 1L << 30);
    String before = Fingerprint.of(with(a));
    List<LogicalVolume> lvs = new ArrayList<>(a.logicalVolumes());
    LogicalVolume lv = lvs.get(0);
    lvs.set(
        0,
        new LogicalVolume(
            lv.vg(),
            lv.name(),
            lv.size() + 4096,
            lv.tags(),
            lv.thinPool(),
            lv.origin(),
            lv.attr()));
    assertNotEquals(before, Fingerprint.of(with(copy(a, lvs, a.thinPools()))));
    lvs.remove(1);
    assertNotEquals(before, Fingerprint.of(with(copy(a, lvs, a.thinPools()))));
    List<ThinPool> bigger = List.of(new ThinPool("vg0", "thin0", 60L << 30, 1L << 30));
    assertNotEquals(before, Fingerprint.of(with(copy(a, a.logicalVolumes(), bigger))));
    assertNotEquals(
        before, Fingerprint.of(ObservedState.of(Map.of("alpha", a), Map.of("beta", "timeout"))));
  }

  private static NodeState copy(NodeState a, List<LogicalVolume> lvs, List<ThinPool> thin) {
    return new NodeState(
        a.node(),
        a.volumeGroups(),
        thin,
        a.zpools(),
        lvs,
        a.zvols(),
        a.luksDevices(),
        a.drbdResources(),
        a.nvmeSubsystems(),
        a.nvmeConnections());
  }

  @Test
  void aPlanIsStaleOnceTheWorldMoves() {
    ObservedState now = SampleObserved.cluster();
    Plan plan = new Plan(null, Fingerprint.of(now), List.of(), List.of(), List.of());
    assertEquals(false, Fingerprint.isStale(plan, now));
    ObservedState moved = ObservedState.of(now.nodes(), Map.of());
    assertEquals(true, Fingerprint.isStale(plan, moved));
    assertEquals(
        true, Fingerprint.isStale(new Plan(null, null, List.of(), List.of(), List.of()), now));
  }
}
