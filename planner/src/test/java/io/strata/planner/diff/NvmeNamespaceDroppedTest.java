package io.strata.planner.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.Planner;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.NvmeConnection;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Plan;
import io.strata.planner.policy.Policy;
import io.strata.planner.testing.Observed;
import io.strata.planner.testing.PlanEffects;
import io.strata.schema.model.DesiredState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A live NVMe path whose namespace the kernel dropped (identifiers changed, decision 032): the heal
 * is a rescan of that initiator, an update, never a disconnect; with heal off, a warning.
 */
class NvmeNamespaceDroppedTest {
  private static ObservedState converged(DesiredState d) {
    ObservedState o = Observed.fresh(100, "alpha", "beta", "gamma");
    return PlanEffects.apply(d, o, KernelFindingsTest.plan(d, o));
  }

  /** {@code node}'s connections as observation reports a dropped namespace: no device. */
  private static ObservedState dropped(ObservedState o, String node) {
    NodeState n = o.nodes().get(node);
    List<NvmeConnection> conns = n.nvmeConnections().stream().map(c -> c.withDevice(null)).toList();
    return KernelFindingsTest.with(o, n.withNvmeConnections(conns));
  }

  private static String initiator(DesiredState d) {
    String target =
        KernelFindingsTest.exportNode(
            KernelFindingsTest.plan(d, Observed.fresh(100, "alpha", "beta", "gamma")));
    return List.of("beta", "gamma").stream()
        .filter(n -> !n.equals(target))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aLivePathWithoutItsNamespaceIsRescannedNotReconnected() {
    DesiredState d =
        KernelFindingsTest.cluster()
            .volume("ns", "1 GiB", "nvme", List.of("beta", "gamma"))
            .build();
    ObservedState o = converged(d);
    assertTrue(KernelFindingsTest.plan(d, o).isEmpty(), "converged");
    String node = initiator(d);
    ObservedState lost = dropped(o, node);

    Plan p = KernelFindingsTest.plan(d, lost);
    assertEquals(1, p.changes().size(), p.changes()::toString);
    Change c = p.changes().get(0);
    assertEquals(Action.UPDATE, c.action());
    assertEquals(node, c.node());
    assertTrue(c.spec() instanceof ObjectSpec.NvmeAttach, c::toString);
    assertTrue(c.reason().contains("rescan"), c.reason());
    assertTrue(KernelFindingsTest.plan(d, PlanEffects.apply(d, lost, p)).isEmpty(), "healed");
  }

  @Test
  void withHealOffItIsAWarningAndNoChange() {
    DesiredState d =
        KernelFindingsTest.cluster()
            .volume("ns", "1 GiB", "nvme", List.of("beta", "gamma"))
            .build();
    ObservedState lost = dropped(converged(d), initiator(d));
    Plan p = Planner.plan(d, lost, new Policy(false, Policy.Heal.NONE, 0.10, false), null, "f");
    assertEquals(List.of(), p.changes());
    assertTrue(
        p.warnings().stream()
            .anyMatch(w -> w.contains("live but has no namespace device (heal is off)")),
        p.warnings()::toString);
  }
}
