package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strata.reconciler.status.StatusModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Status facts look only at the nodes that hold something of a volume (its storage, DRBD resource,
 * LUKS mapping, NVMe connection) or access it: every volume lists exactly its replicas, every node
 * exactly the devices it has, also where nodes hold different volumes side by side.
 */
class StatusFactsPlacesTest {
  @TempDir Path tmp;

  @Test
  void eachVolumeListsItsReplicasAndEachNodeItsDevices() {
    Cluster cluster =
        new Cluster(tmp)
            .write("cluster.yaml", Cluster.NODES_AND_POOLS)
            .write(
                "wal.yaml",
                Cluster.templateAndVolume("wal", "drbd, storage", "thin", 2, "2 GiB", "gamma")
                    .replace("pools: [thin]", "pools: [thin], nodes: [alpha, beta]"))
            .write(
                "sec.yaml",
                Cluster.templateAndVolume("sec", "luks, storage", "thick", 1, "1 GiB", "")
                    .replace("pools: [thick]", "pools: [thick], nodes: [alpha]"))
            .write(
                "blob.yaml",
                Cluster.templateAndVolume("blob", "storage", "thick", 1, "1 GiB", "")
                    .replace("pools: [thick]", "pools: [thick], nodes: [beta]"));
    try (Engine e = cluster.engine()) {
      Engine.Desired d = e.desired(null, null);
      Engine.Applied a = e.apply(e.planFor(d, false, false).plan(), d);
      assertEquals(List.of(), a.failures());
      StatusModel facts = StatusReport.of(d.state(), e.observe(d.state()).state()).facts();

      Map<String, StatusModel.VolumeFacts> volumes =
          facts.volumes().stream()
              .collect(Collectors.toMap(StatusModel.VolumeFacts::name, Function.identity()));
      assertEquals(
          Map.of(
              "wal",
              Set.of("alpha", "beta", "gamma"),
              "sec",
              Set.of("alpha"),
              "blob",
              Set.of("beta")),
          new TreeMap<>(
              volumes.entrySet().stream()
                  .collect(
                      Collectors.toMap(
                          Map.Entry::getKey,
                          v ->
                              v.getValue().replicas().stream()
                                  .map(StatusModel.ReplicaFacts::node)
                                  .collect(Collectors.toSet())))));
      volumes.values().forEach(v -> assertEquals(true, v.ready(), v.readyMessage()));
      assertEquals(2, volumes.get("wal").replicas().stream().filter(r -> r.diskful()).count());

      Map<String, Set<String>> devices =
          facts.nodes().stream()
              .collect(Collectors.toMap(StatusModel.NodeFacts::name, n -> n.devices().keySet()));
      assertEquals(
          Map.of(
              "alpha", Set.of("wal", "sec"), "beta", Set.of("wal", "blob"), "gamma", Set.of("wal")),
          devices);
    }
  }
}
