package io.strata.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Plan;
import io.strata.planner.policy.Policy;
import io.strata.planner.testing.Desired;
import io.strata.planner.testing.Observed;
import io.strata.planner.testing.PlanEffects;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import io.strata.schema.model.ProviderType;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlannerFreshTest {

  static DesiredState replicatedEncrypted() {
    return Desired.create()
        .node("alpha", Map.of("zone", "a"))
        .node("beta", Map.of("zone", "b"))
        .node("gamma", Map.of("zone", "c"))
        .poolEverywhere(ProviderType.LVM_THIN)
        .template(
            "replicated-encrypted",
            List.of(Layer.DRBD, Layer.LUKS, Layer.STORAGE),
            Desired.spread(2, "zone"))
        .volume("pg-data", "10 GiB", "replicated-encrypted", List.of("gamma"))
        .build();
  }

  @Test
  void freshClusterCreatesEverythingBottomUp() {
    DesiredState d = replicatedEncrypted();
    ObservedState o = Observed.fresh(100, "alpha", "beta", "gamma");
    Plan p = Planner.plan(d, o, Policy.DEFAULT, "c0ffee", "sha256:x");
    List<String> ids = p.changes().stream().map(Change::id).toList();
    assertEquals(
        List.of(
            "pg-data/alpha/storage",
            "pg-data/alpha/luks",
            "pg-data/beta/storage",
            "pg-data/beta/luks",
            "pg-data/beta/drbd",
            "pg-data/gamma/drbd",
            "pg-data/alpha/drbd",
            "pg-data/alpha/storage:marker",
            "pg-data/beta/storage:marker"),
        ids,
        p.toString());
    // created with the initialization marker, removed only after the initial sync (decision 005)
    assertTrue(((ObjectSpec.Lv) p.changes().get(0).spec()).initMarker());
    for (Change marker : p.changes().subList(7, 9)) {
      assertEquals(Action.UPDATE, marker.action());
      assertTrue(marker.dependsOn().contains("pg-data/alpha/drbd"), marker.toString());
      assertTrue(!((ObjectSpec.Lv) marker.spec()).initMarker());
    }
    assertTrue(p.changes().subList(0, 7).stream().allMatch(c -> c.action() == Action.CREATE));
    assertTrue(p.refused().isEmpty(), p.refused().toString());
    Change sync = p.changes().get(6);
    ObjectSpec.Drbd spec = (ObjectSpec.Drbd) sync.spec();
    assertEquals(ObjectSpec.Drbd.InitialSync.FORCE_PRIMARY, spec.initialSync());
    assertEquals(7000, spec.config().port());
    assertEquals(1000, spec.config().minor());
    assertEquals(
        Map.of("alpha", 0, "beta", 1, "gamma", 2),
        spec.config().hosts().stream().collect(Collectors.toMap(h -> h.node(), h -> h.nodeId())));
    assertTrue(spec.config().host("gamma").orElseThrow().diskless());
    assertEquals(
        List.of(
            "pg-data/alpha/luks", "pg-data/beta/drbd", "pg-data/beta/luks", "pg-data/gamma/drbd"),
        sync.dependsOn());
    ObjectSpec.Lv lv = (ObjectSpec.Lv) p.changes().get(0).spec();
    assertEquals("vg0", lv.vg());
    assertEquals("thin", lv.thinPool());
    assertEquals("pg-data_00000", lv.name());
    assertEquals(0, lv.sizeBytes() % (4L << 20));
    assertTrue(lv.sizeBytes() >= (10L << 30) + (16L << 20));
  }

  @Test
  void planIsIdempotentAfterApplying() {
    DesiredState d = replicatedEncrypted();
    ObservedState o = Observed.fresh(100, "alpha", "beta", "gamma");
    Plan p = Planner.plan(d, o, Policy.DEFAULT, null, "f");
    ObservedState after = PlanEffects.apply(d, o, p);
    Plan again = Planner.plan(d, after, Policy.DEFAULT, null, "f");
    assertEquals(List.of(), again.changes(), again.toString());
  }
}
