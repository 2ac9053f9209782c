package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.observed.DrbdConfig;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Plan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DRBD option keys written with and without their section prefix converge: the planner wants the
 * canonical keys the executors parse back from the .res file, so the second plan is empty (no
 * perpetual update).
 */
class DrbdOptionsEndToEndTest {
  @TempDir Path tmp;

  static final String OPTIONS =
      "  drbd:\n"
          + "    options:\n"
          + "      disk.al-extents: 6007\n" // prefix implied by plain routing: dropped
          + "      c-max-rate: 750M\n" // plain disk option
          + "      net.max-buffers: 8000\n" // prefix implied: dropped
          + "      verify-alg: crc32c\n" // plain, unknown to the lists: net
          + "      options.on-no-quorum: io-error\n" // resource option, prefixed
          + "  placement:";

  @Test
  void prefixedAndPlainOptionKeysConverge() {
    Cluster c =
        new Cluster(tmp)
            .write("cluster.yaml", Cluster.NODES_AND_POOLS)
            .write(
                "vol.yaml",
                Cluster.templateAndVolume("vol", "drbd, storage", "thick", 2, "1 GiB", "")
                    .replace("  placement:", OPTIONS));
    try (Engine e = c.engine()) {
      Engine.Desired d = e.desired(null, null);
      Plan first = e.planFor(d, false, false).plan();
      assertTrue(first.refused().isEmpty(), first.refused()::toString);
      Map<String, String> want =
          Map.of(
              "al-extents", "6007",
              "c-max-rate", "750M",
              "max-buffers", "8000",
              "verify-alg", "crc32c",
              "on-no-quorum", "io-error",
              "quorum", "majority");
      for (Change ch : first.changes()) {
        if (ch.spec() instanceof ObjectSpec.Drbd drbd) {
          assertEquals(want, drbd.config().options(), ch.id());
        }
      }
      Engine.Applied applied = e.apply(first, d);
      assertEquals(List.of(), applied.failures());
      assertEquals(List.of(), applied.remaining(), "second plan must be empty");
      assertTrue(e.planFor(d, false, false).plan().isEmpty());
      assertTrue(e.drift(d).items().isEmpty(), () -> "drift: " + e.drift(d).items());

      ObservedState o = e.observe(d.state()).state();
      DrbdConfig seen = o.node("alpha").orElseThrow().drbdResource("vol").orElseThrow().config();
      assertEquals(want, seen.options(), "parsed back from the .res file");
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }
}
