package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.Plan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Plan → apply → plan is empty, on the simulated cluster, for every layer stack and provider; every
 * run ends with zero data-loss events in the ledger.
 */
class EndToEndTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "[{0}] on {1}, redundancy {2}")
  @CsvSource(
      delimiter = ';',
      value = {
        "storage; thick; 1; ",
        "storage; thin; 1; ",
        "storage; zfs; 1; ",
        "storage; zthin; 1; ",
        "luks, storage; thick; 1; ",
        "drbd, storage; thick; 2; gamma",
        "drbd, storage; thin; 2; ",
        "drbd, storage; zfs; 3; ",
        "drbd, luks, storage; thick; 2; gamma",
        "nvme, storage; thick; 1; beta",
        "nvme, luks, storage; zthin; 1; gamma",
      })
  void convergesAndStaysConverged(String layers, String pool, int redundancy, String access) {
    Cluster c =
        new Cluster(tmp)
            .write("cluster.yaml", Cluster.NODES_AND_POOLS)
            .write(
                "vol.yaml",
                Cluster.templateAndVolume(
                    "vol", layers, pool, redundancy, "10 GiB", access == null ? "" : access));
    try (Engine e = c.engine()) {
      Engine.Desired d = e.desired(null, null);
      Plan first = e.planFor(d, false, false).plan();
      assertTrue(
          first.refused().isEmpty(),
          () ->
              "refused: "
                  + first.refused()
                  + " unknown: "
                  + e.observe(d.state()).state().unreachable());
      assertTrue(
          first.changes().stream()
              .allMatch(
                  ch ->
                      ch.action() == Action.CREATE
                          || ch.action() == Action.CONNECT
                          || initMarkerRemoval(ch)));
      Engine.Applied applied = e.apply(first, d);
      assertEquals(List.of(), applied.failures());
      assertEquals(List.of(), applied.remaining(), "second plan must be empty");
      assertTrue(e.drift(d).items().isEmpty(), () -> "drift: " + e.drift(d).items());
      StatusReport status = StatusReport.of(d.state(), e.observe(d.state()).state());
      assertTrue(status.facts().volumes().get(0).ready(), status::render);
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }

  /** The storage update that ends an initialization (docs/decisions/005). */
  static boolean initMarkerRemoval(Change ch) {
    return ch.action() == Action.UPDATE && ch.id().endsWith("/storage:marker");
  }
}
