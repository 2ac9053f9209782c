package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.executors.nvme.Nvmet;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.Plan;
import io.strata.reconciler.drift.Drift;
import io.strata.reconciler.drift.DriftClass;
import io.strata.reconciler.status.StatusModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NVMe namespace identity (docs/decisions/032). An initiator that reconnects to a namespace
 * re-created with other identifiers drops its block device while the path stays live (the lab's
 * kernels: "identifiers changed for nsid 1"). Strata's exports carry a UUID derived from the NQN,
 * so its own re-exports keep the device; a namespace whose identity changed anyway (an export made
 * before, or by hand) is drift, and the heal rescans the controller instead of disconnecting it.
 */
class NvmeIdentityEndToEndTest {
  private static final String NQN = "nqn.2014-08.io.strata:img";

  @TempDir Path tmp;

  private Cluster cluster() {
    return new Cluster(tmp)
        .write("cluster.yaml", Cluster.NODES_AND_POOLS)
        .write(
            "img.yaml",
            Cluster.templateAndVolume("img", "nvme, storage", "thin", 1, "1 GiB", "alpha")
                .replace("pools: [thin]", "pools: [thin], nodes: [gamma]"));
  }

  private static void ok(Host h, String... argv) {
    Result r = h.run(List.of(argv));
    assertTrue(r.success(), () -> String.join(" ", argv) + ": " + r.err());
  }

  private static void write(Host h, Path p, String v) {
    h.writeFile(p, v.getBytes(StandardCharsets.UTF_8), 0644);
  }

  private static String read(Host h, Path p) {
    return new String(h.readFile(p).orElseThrow(), StandardCharsets.UTF_8).strip();
  }

  /** As an export made before decision 032 comes back: a fresh namespace, the kernel's UUID. */
  private static void reexportUnderANewIdentity(Host target) {
    Path ns = Nvmet.namespace(NQN, 1);
    Path link = Nvmet.portSubsystems(4420).resolve(NQN);
    String device = read(target, ns.resolve("device_path"));
    ok(target, "rm", link.toString());
    write(target, ns.resolve("enable"), "0");
    ok(target, "rmdir", ns.toString());
    ok(target, "mkdir", "-p", ns.toString());
    write(target, ns.resolve("device_path"), device);
    write(target, ns.resolve("enable"), "1");
    ok(target, "ln", "-s", Nvmet.subsystem(NQN).toString(), link.toString());
  }

  @Test
  void anExportCarriesItsStableIdentityAndADroppedNamespaceIsHealedByARescan() {
    try (Engine e = cluster().engine()) {
      Engine.Desired d = e.desired(null, null);
      Engine.Applied first = e.apply(e.planFor(d, false, false).plan(), d);
      assertEquals(List.of(), first.failures());
      var sim = e.simulation().cluster();
      Host gamma = sim.host("gamma");
      Path uuid = Nvmet.namespace(NQN, 1).resolve("device_uuid");
      assertEquals(Nvmet.namespaceUuid(NQN, 1), read(gamma, uuid));
      assertTrue(e.drift(d).inSync(), () -> "converged: " + e.drift(d).items());

      reexportUnderANewIdentity(gamma);
      assertNotEquals(Nvmet.namespaceUuid(NQN, 1), read(gamma, uuid));
      Drift drift = e.drift(d);
      assertTrue(
          drift.items().stream()
              .anyMatch(
                  i ->
                      i.key().equals("drift/img/alpha/nvme/degraded")
                          && i.driftClass() == DriftClass.DEGRADED
                          && i.detail().contains("no namespace device")),
          drift.items()::toString);
      StatusModel.VolumeFacts img =
          StatusReport.of(d.state(), e.observe(d.state()).state()).facts().volumes().get(0);
      assertFalse(img.ready(), "not Ready without its device");
      assertTrue(img.readyMessage().contains("no namespace device"), img.readyMessage());

      Plan heal = e.planFor(d, false, false).plan();
      assertEquals(1, heal.changes().size(), heal.changes()::toString);
      Change rescan = heal.changes().get(0);
      assertEquals("img/alpha/nvme", rescan.id());
      assertEquals(Action.UPDATE, rescan.action());
      assertFalse(rescan.action().destructive());
      assertEquals(
          List.of(
              List.of("nvme", "list-subsys", "-o", "json"),
              List.of("nvme", "ns-rescan", "<controller>")),
          e.preview().commands(rescan),
          "the plan shows a rescan, no disconnect");

      sim.clearCommandLog();
      Engine.Applied healed = e.apply(heal, d);
      assertEquals(List.of(), healed.failures());
      assertTrue(
          sim.commandLog().stream()
              .noneMatch(r -> r.argv().size() > 1 && r.argv().get(1).equals("disconnect")),
          "nothing disconnected");
      assertTrue(e.drift(d).inSync(), () -> "healed: " + e.drift(d).items());
      img = StatusReport.of(d.state(), e.observe(d.state()).state()).facts().volumes().get(0);
      assertTrue(img.ready(), img.readyMessage());
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }
}
