package io.strata.planner.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.Planner;
import io.strata.planner.json.ObservedJson;
import io.strata.planner.json.PlanJson;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.CommandPreview;
import io.strata.planner.plan.Movement;
import io.strata.planner.plan.Plan;
import io.strata.planner.plan.PoolCapacity;
import io.strata.planner.plan.Redundancy;
import io.strata.planner.policy.Policy;
import io.strata.schema.load.LoadResult;
import io.strata.schema.load.ManifestLoader;
import io.strata.schema.model.DesiredState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cost of the golden cases, in numbers a reviewer can check by hand. */
class CostModelTest {
  static final long GIB = 1L << 30;
  static final long TIB = 1L << 40;

  static Plan plan(String name, Policy policy) throws IOException {
    Path dir = Path.of("src", "test", "resources", "golden", name);
    LoadResult r = ManifestLoader.load(dir.resolve("manifests"));
    DesiredState desired = ((LoadResult.Valid) r).state();
    ObservedState observed =
        ObservedJson.read(Files.readString(dir.resolve("observed.json")), name);
    return Planner.plan(desired, observed, policy, null, "f");
  }

  @Test
  void addingAReplicaToA1TibVolumeResyncsAllOfItAndKeepsTwoUpToDate() throws IOException {
    Plan p = plan("add-replica-1tib", Policy.DEFAULT);
    Movement m = p.cost().movements().get("archive/delta/drbd");
    assertEquals(Movement.Kind.RESYNC, m.kind());
    assertEquals(TIB, m.bytesPerTarget());
    assertEquals(List.of("alpha", "beta"), m.from());
    assertEquals(List.of("delta"), m.to());
    // c-max-rate 250M in the template: 2^40 / (250 × 2^20) = 4194.3 s, rounded up
    assertEquals(250L << 20, m.rate());
    assertEquals(4195L, m.etaSeconds());
    assertEquals(1, p.cost().movements().size());
    assertEquals(List.of(new Redundancy("archive", 2, 2, 3, List.of())), p.cost().redundancy());
    PoolCapacity delta = p.cost().capacity().get(0);
    assertEquals("delta-vg0", delta.pool());
    long lv = TIB + 228 * (1L << 20); // the LV: 1 TiB plus DRBD metadata, in 4 MiB extents
    assertEquals(delta.before().free() - lv, delta.after().free());
    assertEquals(delta.before().provisioned() + lv, delta.after().provisioned());
    assertEquals(1, p.cost().capacity().size());
  }

  @Test
  void aConfiguredRateBelowTheTemplateCapGivesTheLongerEta() throws IOException {
    Plan p = plan("add-replica-1tib", Policy.DEFAULT.withSyncRate(100L << 20));
    Movement m = p.cost().movements().get("archive/delta/drbd");
    assertEquals("reconcile.syncRate", m.rateSource());
    assertEquals(10486L, m.etaSeconds()); // 2^40 / 100 MiB/s = 10485.76 s
  }

  @Test
  void aReplicaThatTurnsDisklessLowersRedundancyAtOnceAndFreesItsPool() throws IOException {
    Plan p = plan("redundancy-down", Policy.DEFAULT);
    Redundancy r = p.cost().redundancy().get(0);
    assertEquals(3, r.before());
    assertEquals(2, r.minimum());
    assertEquals(2, r.after());
    assertTrue(r.causes().get(0).contains("delta turns diskless"), r.causes().toString());
    assertTrue(p.cost().movements().isEmpty());
    PoolCapacity delta = p.cost().capacity().get(0);
    assertTrue(delta.after().free() > delta.before().free(), delta.toString());
  }

  @Test
  void aGrowResyncsTheAddedBytesWithOneReplicaUpToDateUntilItEnds() throws IOException {
    Plan p = plan("resize", Policy.DEFAULT);
    Movement m = p.cost().movements().values().iterator().next();
    assertEquals(Movement.Kind.GROW_RESYNC, m.kind());
    assertEquals(10 * GIB, m.bytesPerTarget());
    assertEquals(null, m.etaSeconds());
    Redundancy r = p.cost().redundancy().get(0);
    assertEquals(2, r.before());
    assertEquals(1, r.minimum());
    assertEquals(2, r.after());
  }

  @Test
  void aBrandNewThinVolumeMovesNothingAndAThickOneSyncsItsPeer() throws IOException {
    Plan p = plan("fresh-cluster", Policy.DEFAULT);
    // pg-data is on thick LVM (forced primary, full initial sync); web on thin (clear-bitmap)
    assertEquals(List.of("pg-data/alpha/drbd"), List.copyOf(p.cost().movements().keySet()));
    assertEquals(Movement.Kind.INITIAL_SYNC, p.cost().movements().get("pg-data/alpha/drbd").kind());
  }

  @Test
  void theCostSurvivesTheJsonRoundTrip() throws IOException {
    Plan p = plan("add-replica-1tib", Policy.DEFAULT);
    Plan back = PlanJson.read(PlanJson.write(p, CommandPreview.NONE));
    assertEquals(p.cost(), back.cost());
    assertEquals(p, back);
  }
}
