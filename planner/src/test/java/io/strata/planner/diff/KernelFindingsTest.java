package io.strata.planner.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.Planner;
import io.strata.planner.json.ObservedJson;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Plan;
import io.strata.planner.plan.Refusal;
import io.strata.planner.policy.Policy;
import io.strata.planner.testing.Desired;
import io.strata.planner.testing.Observed;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import io.strata.schema.model.ProviderType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Issue 9, found on real kernels: NVMe exports closed by default, DRBD 8.4 kernels. */
class KernelFindingsTest {
  static Desired cluster() {
    return Desired.create()
        .node("alpha", Map.of("zone", "a"))
        .node("beta", Map.of("zone", "b"))
        .node("gamma", Map.of("zone", "c"))
        .poolEverywhere(ProviderType.LVM)
        .template("nvme", List.of(Layer.NVME, Layer.STORAGE), Desired.redundancy(1))
        .template("r", List.of(Layer.DRBD, Layer.STORAGE), Desired.redundancy(2))
        .template("plain", List.of(Layer.STORAGE), Desired.redundancy(1));
  }

  static Plan plan(DesiredState d, ObservedState o) {
    return Planner.plan(d, o, Policy.DEFAULT, null, "f");
  }

  static ObjectSpec.NvmeExport export(Plan p) {
    return p.changes().stream()
        .map(Change::spec)
        .filter(ObjectSpec.NvmeExport.class::isInstance)
        .map(ObjectSpec.NvmeExport.class::cast)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no export in " + p));
  }

  static ObservedState with(ObservedState o, NodeState n) {
    var nodes = new TreeMap<>(o.nodes());
    nodes.put(n.node(), n);
    return ObservedState.of(nodes, o.unreachable());
  }

  static NodeState hostNqn(NodeState n, String nqn) {
    return new NodeState(
        n.node(),
        n.volumeGroups(),
        n.thinPools(),
        n.zpools(),
        n.logicalVolumes(),
        n.zvols(),
        n.luksDevices(),
        n.drbdResources(),
        n.nvmeSubsystems(),
        n.nvmeConnections(),
        nqn,
        n.unobserved());
  }

  static NodeState drbd84(NodeState n) {
    return new NodeState(
        n.node(),
        n.volumeGroups(),
        n.thinPools(),
        n.zpools(),
        n.logicalVolumes(),
        n.zvols(),
        n.luksDevices(),
        n.drbdResources(),
        n.nvmeSubsystems(),
        n.nvmeConnections(),
        n.hostNqn(),
        Map.of(Layer.DRBD, "DRBD 9 required, found 8.4.11 in the kernel"));
  }

  @Test
  void accessNodesHostNqnsAreTheExportsAllowList() {
    DesiredState d = cluster().volume("ns", "1 GiB", "nvme", List.of("beta", "gamma")).build();
    ObservedState o = Observed.fresh(100, "alpha", "beta", "gamma");
    ObjectSpec.NvmeExport e = export(plan(d, o));
    List<String> initiators =
        List.of("beta", "gamma").stream()
            .filter(n -> !n.equals(exportNode(plan(d, o))))
            .map(Observed::hostNqn)
            .sorted()
            .toList();
    assertEquals(initiators, e.allowedHosts());
    assertTrue(!e.allowedHosts().isEmpty(), "never open to any host");
  }

  static String exportNode(Plan p) {
    return p.changes().stream()
        .filter(c -> c.spec() instanceof ObjectSpec.NvmeExport)
        .findFirst()
        .orElseThrow()
        .node();
  }

  @Test
  void twoNodesWithOneHostNqnAreRefused() {
    String same = "nqn.2014-08.org.nvmexpress:uuid:00000000-0000-0000-0000-000000000000";
    DesiredState d = cluster().volume("ns", "1 GiB", "nvme", List.of("beta", "gamma")).build();
    ObservedState o = Observed.fresh(100, "alpha", "beta", "gamma");
    o = with(o, hostNqn(o.nodes().get("beta"), same));
    o = with(o, hostNqn(o.nodes().get("gamma"), same));
    Plan p = plan(d, o);
    assertTrue(p.changes().stream().noneMatch(c -> c.volume().equals("ns")), p.toString());
    List<String> reasons = p.refused().stream().map(Refusal::reason).toList();
    assertTrue(
        reasons.stream().anyMatch(r -> r.contains(same) && r.contains("cannot tell them apart")),
        reasons.toString());
  }

  @Test
  void aDrbd84NodeRefusesOnlyDrbdVolumesThere() {
    DesiredState d =
        cluster()
            .volume("pg", "1 GiB", "r", List.of())
            .volume("logs", "1 GiB", "plain", List.of())
            .build();
    ObservedState o = Observed.fresh(100, "alpha", "beta", "gamma");
    // every node 8.4 but gamma: the DRBD volume cannot be placed on two DRBD 9 nodes
    o = with(o, drbd84(o.nodes().get("alpha")));
    o = with(o, drbd84(o.nodes().get("beta")));
    Plan p = plan(d, o);
    assertTrue(
        p.refused().stream()
            .anyMatch(
                r ->
                    r.volume().equals("pg")
                        && r.reason().contains("DRBD 9 required, found 8.4.11")),
        p.refused().toString());
    assertTrue(p.changes().stream().noneMatch(c -> c.volume().equals("pg")));
    assertTrue(
        p.changes().stream().anyMatch(c -> c.volume().equals("logs")),
        "a storage volume is planned on any node: " + p);
    assertTrue(o.unreachable().isEmpty(), "no node is unknown");
  }

  @Test
  void hostNqnAndUnobservedLayersSurviveObservedJson() {
    ObservedState o = Observed.fresh(100, "alpha", "beta");
    o = with(o, drbd84(o.nodes().get("alpha")));
    String json = ObservedJson.write(o);
    assertTrue(json.contains("\"unobserved\""), json);
    assertEquals(o, ObservedJson.read(json));
    // a node without either keeps its old JSON, so older fingerprints stay valid
    ObservedState plain =
        ObservedState.of(Map.of("gamma", hostNqn(Observed.emptyNode("gamma", 1), null)), Map.of());
    assertTrue(!ObservedJson.write(plain).contains("hostNqn"));
  }

  @Test
  void theTiebreakerAvoidsADrbd84Node() {
    DesiredState d = cluster().volume("pg", "1 GiB", "r", List.of()).build();
    ObservedState o = Observed.fresh(100, "alpha", "beta", "gamma");
    o = with(o, drbd84(o.nodes().get("gamma")));
    Plan p = plan(d, o);
    assertEquals(List.of(), p.refused());
    assertTrue(p.changes().stream().noneMatch(c -> c.node().equals("gamma")), p.toString());
    assertTrue(
        p.warnings().stream().anyMatch(w -> w.contains("no third node for a DRBD tiebreaker")),
        p.warnings().toString());
  }

  @Test
  void drbdReplicasArePlacedAroundADrbd84NodeOrRefusedNamingIt() {
    DesiredState d =
        Desired.create()
            .node("alpha", Map.of("zone", "a"))
            .node("beta", Map.of("zone", "b"))
            .node("gamma", Map.of("zone", "c"))
            .node("delta", Map.of("zone", "d"))
            .poolEverywhere(ProviderType.LVM)
            .template("r", List.of(Layer.DRBD, Layer.STORAGE), Desired.redundancy(2))
            .volume("pg", "1 GiB", "r", List.of())
            .build();
    ObservedState o = Observed.fresh(100, "alpha", "beta", "gamma", "delta");
    o = with(o, drbd84(o.nodes().get("alpha")));
    Plan p = plan(d, o);
    assertEquals(List.of(), p.refused());
    assertTrue(p.changes().stream().noneMatch(c -> c.node().equals("alpha")), p.toString());

    // only one DRBD 9 node left: the refusal explains alpha, beta and gamma node by node
    o = with(o, drbd84(o.nodes().get("beta")));
    o = with(o, drbd84(o.nodes().get("gamma")));
    Plan refused = plan(d, o);
    String why = refused.refused().toString();
    assertTrue(why.contains("alpha: DRBD 9 required, found 8.4.11"), why);
    assertTrue(refused.changes().isEmpty(), refused.toString());
  }
}
