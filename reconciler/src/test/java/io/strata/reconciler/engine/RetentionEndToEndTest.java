package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.index.ObservedIndex;
import io.strata.planner.index.StorageObject;
import io.strata.planner.naming.Names;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Plan;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scheduled snapshots applied on the simulated cluster (docs/decisions/028), replicated over DRBD
 * on thick LVM, thin LVM and ZFS: each due fire is taken on every replica and marked scheduled, the
 * oldest beyond keep is deleted (an authorized deletion, not data loss), and a one-shot plan takes
 * no scheduled snapshot — it only shows retention.
 */
class RetentionEndToEndTest {
  @TempDir Path tmp;

  private static final Instant T1 = Instant.parse("2026-12-06T01:00:00Z");
  private static final Instant T2 = Instant.parse("2026-12-06T02:00:00Z");

  private static Set<String> scheduled(Engine e, Engine.Desired d) {
    ObservedIndex idx = ObservedIndex.of(e.observe(d.state()).state());
    Set<String> out = new TreeSet<>();
    for (List<StorageObject> onNode : idx.snapshots("db").values()) {
      for (StorageObject o : onNode) {
        assertTrue(o.owned(), o.toString());
        if (o.scheduled()) {
          out.add(o.node() + ":" + o.snapshot());
        }
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"thick", "thin", "zfs"})
  void takesEachFireOnEveryReplicaAndKeepsKeep(String pool) throws Exception {
    String volume =
        Cluster.templateAndVolume("db", "drbd, storage", pool, 2, "1 GiB", "")
            .replace("access: []}", "access: [], snapshots: {schedule: \"0 0 * * * ?\", keep: 1}}");
    Cluster c =
        new Cluster(tmp).write("cluster.yaml", Cluster.NODES_AND_POOLS).write("db.yaml", volume);
    try (Engine e = c.engine(1.0)) {
      Engine.Desired d = e.desired(null, null);
      Engine.Applied made = e.apply(e.planFor(d, false, false).plan(), d);
      assertEquals(List.of(), made.failures());

      for (Instant fire : List.of(T1, T2)) {
        Plan p = e.plan(d, e.observe(d.state()), false, Set.of(), Map.of("db", fire));
        Engine.Applied applied = e.apply(p, d);
        assertEquals(List.of(), applied.failures());
        assertEquals(List.of(), applied.remaining());
      }
      Set<String> left = scheduled(e, d);
      String newest = Names.scheduledSnapshot("db", T2);
      assertEquals(2, left.size(), "keep 1, on both replicas: " + left);
      assertTrue(left.stream().allMatch(s -> s.endsWith(":" + newest)), left.toString());

      // a one-shot plan (no clock) takes nothing new and has nothing to prune
      Plan oneShot = e.planFor(d, false, false).plan();
      assertTrue(
          oneShot.changes().stream().noneMatch(ch -> ch.action() == Action.SNAPSHOT),
          oneShot.changes().toString());
      assertTrue(oneShot.changes().isEmpty(), oneShot.changes().toString());
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }
}
