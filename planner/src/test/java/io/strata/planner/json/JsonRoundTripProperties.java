package io.strata.planner.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strata.planner.fingerprint.Fingerprint;
import io.strata.planner.observed.DrbdResource;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.observed.ThinPool;
import io.strata.planner.observed.Zpool;
import io.strata.planner.observed.Zvol;
import io.strata.planner.plan.CommandPreview;
import io.strata.planner.plan.Plan;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class JsonRoundTripProperties {
  /** A preview that echoes fields of the change, so commands with odd characters are written. */
  private static final CommandPreview ECHO =
      c -> c.reason() == null ? List.of() : List.of(List.of("echo", c.reason()), List.of());

  @Provide
  Arbitrary<Plan> plans() {
    return Generators.plan();
  }

  @Provide
  Arbitrary<ObservedState> states() {
    return Generators.observed();
  }

  @Property(tries = 300)
  void planWriteThenReadIsIdentity(@ForAll("plans") Plan plan) {
    String json = PlanJson.write(plan, ECHO);
    assertEquals(plan, PlanJson.read(json));
    assertEquals(json, PlanJson.write(PlanJson.read(json), ECHO), "byte-stable");
  }

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void observedWriteThenReadIsIdentity(@ForAll("states") ObservedState state) {
    String json = ObservedJson.write(state);
    ObservedState back = ObservedJson.read(json);
    assertEquals(state, back);
    assertEquals(json, ObservedJson.write(back), "byte-stable");
    assertEquals(Fingerprint.of(state), Fingerprint.of(back));
  }

  /**
   * Two states that differ in anything but the excluded counters never share a fingerprint (the
   * canonical form is injective: null vs "", list order, map keys all count).
   */
  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void differentStatesHaveDifferentFingerprints(
      @ForAll("states") ObservedState a, @ForAll("states") ObservedState b) {
    boolean same =
        ObservedJson.write(withoutCounters(a)).equals(ObservedJson.write(withoutCounters(b)));
    assertEquals(same, Fingerprint.of(a).equals(Fingerprint.of(b)));
  }

  private static ObservedState withoutCounters(ObservedState s) {
    Map<String, NodeState> nodes = new TreeMap<>();
    s.nodes()
        .forEach(
            (k, n) ->
                nodes.put(
                    k,
                    new NodeState(
                        n.node(),
                        n.volumeGroups(),
                        n.thinPools().stream()
                            .map(t -> new ThinPool(t.vg(), t.name(), t.size(), 0))
                            .toList(),
                        n.zpools().stream().map(z -> new Zpool(z.name(), z.size(), 0)).toList(),
                        n.logicalVolumes(),
                        n.zvols().stream()
                            .map(
                                z ->
                                    new Zvol(
                                        z.dataset(), z.volsize(), 0, z.refreservation(), z.owner()))
                            .toList(),
                        n.luksDevices(),
                        n.drbdResources().stream()
                            .map(JsonRoundTripProperties::withoutProgress)
                            .toList(),
                        n.nvmeSubsystems(),
                        n.nvmeConnections())));
    return ObservedState.of(nodes, s.unreachable());
  }

  private static DrbdResource withoutProgress(DrbdResource d) {
    if (d.runtime() == null) {
      return d;
    }
    var r = d.runtime();
    var peers =
        r.peers().stream()
            .map(
                p ->
                    new DrbdResource.Peer(
                        p.name(),
                        p.nodeId(),
                        p.connectionState(),
                        p.peerDiskState(),
                        p.replicationState(),
                        0))
            .toList();
    return new DrbdResource(
        d.name(),
        d.owned(),
        d.config(),
        new DrbdResource.Runtime(r.role(), r.nodeId(), r.diskState(), r.sizeBytes(), peers));
  }
}
