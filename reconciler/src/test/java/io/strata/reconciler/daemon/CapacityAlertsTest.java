package io.strata.reconciler.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.reconciler.alert.Finding;
import io.strata.reconciler.metrics.ClusterGauges;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityAlertsTest {
  static ClusterGauges.Pool pool(String node, boolean observed, double used, Double limit) {
    return new ClusterGauges.Pool(
        node, "thin", "lvm-thin", "vg0/thin", observed, 100, 40, 150, limit, used);
  }

  @Test
  void aPoolAtOrPastTheThresholdIsAFindingBelowItIsNot() {
    ClusterGauges g =
        new ClusterGauges(
            List.of(pool("alpha", true, 0.85, 2.0), pool("beta", true, 0.849, 2.0)), List.of());
    List<Finding> f = DriftAlerts.capacityFindings(g, 0.85, List.of());
    assertEquals(1, f.size());
    assertEquals("capacity/alpha/thin", f.get(0).key());
    assertEquals("thin", f.get(0).labels().get("storage_pool"));
    assertTrue(
        f.get(0).summary().contains("85% full (threshold 85%, thin: 1.50 of 2.00"),
        f.get(0).summary());
  }

  @Test
  void anUnobservedPoolKeepsItsAlertAsItWas() {
    ClusterGauges unknown = new ClusterGauges(List.of(pool("alpha", false, 0, 2.0)), List.of());
    assertEquals(
        List.of("capacity/alpha/thin"),
        DriftAlerts.capacityFindings(unknown, 0.85, List.of("capacity/alpha/thin")).stream()
            .map(Finding::key)
            .toList());
    assertEquals(List.of(), DriftAlerts.capacityFindings(unknown, 0.85, List.of()));
  }
}
