package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Result;
import io.strata.planner.naming.Names;
import io.strata.reconciler.status.StatusModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A volume is Ready only when the nodes say so, whatever a plan would do about it: storage still
 * carrying the initialization marker (a crash before the last step of an initialization) and LUKS
 * storage without an open container are not Ready, so the repository cannot be either.
 */
class ReadinessFromNodesTest {
  @TempDir Path tmp;

  @Test
  void anUnfinishedInitializationOrAClosedContainerIsNotReady() {
    Cluster cluster =
        new Cluster(tmp)
            .write("cluster.yaml", Cluster.NODES_AND_POOLS)
            .write(
                "wal.yaml",
                Cluster.templateAndVolume("wal", "drbd, storage", "thin", 2, "2 GiB", "")
                    .replace("pools: [thin]", "pools: [thin], nodes: [alpha, beta]"))
            .write(
                "sec.yaml",
                Cluster.templateAndVolume("sec", "luks, storage", "thick", 1, "1 GiB", "")
                    .replace("pools: [thick]", "pools: [thick], nodes: [alpha]"));
    try (Engine e = cluster.engine()) {
      Engine.Desired d = e.desired(null, null);
      Engine.Applied a = e.apply(e.planFor(d, false, false).plan(), d);
      assertEquals(List.of(), a.failures());
      Map<String, StatusModel.VolumeFacts> before = facts(e, d);
      assertTrue(before.get("wal").ready(), before.get("wal").readyMessage());
      assertTrue(before.get("sec").ready(), before.get("sec").readyMessage());

      run(e, "beta", "lvchange", "--addtag", "strata-init", "vg0/" + Names.storageName("wal"));
      run(e, "alpha", "cryptsetup", "close", Names.luksMapping("sec"));

      Map<String, StatusModel.VolumeFacts> after = facts(e, d);
      assertFalse(after.get("wal").ready());
      assertTrue(
          after.get("wal").readyMessage().contains("beta has not finished initializing"),
          after.get("wal").readyMessage());
      assertFalse(after.get("sec").ready());
      assertTrue(
          after.get("sec").readyMessage().contains("alpha has no open LUKS container"),
          after.get("sec").readyMessage());
    }
  }

  private static Map<String, StatusModel.VolumeFacts> facts(Engine e, Engine.Desired d) {
    return StatusReport.of(d.state(), e.observe(d.state()).state()).facts().volumes().stream()
        .collect(Collectors.toMap(StatusModel.VolumeFacts::name, Function.identity()));
  }

  private static void run(Engine e, String node, String... argv) {
    Result r =
        e.simulation().cluster().host(node).run(List.of(argv), new byte[0], Duration.ofSeconds(10));
    assertEquals(0, r.exitCode(), String.join(" ", argv) + ": " + r.err());
  }
}
