package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.executors.lvm.LvmCommands;
import io.strata.executors.nvme.Nvmet;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.Plan;
import io.strata.reconciler.config.ConfigLoader;
import io.strata.schema.model.Layer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 on the simulated cluster, taught what the qemu lab showed: a dead NVMe-oF path blocks any
 * read of its namespace, Debian's kernel carries DRBD 8.4, host NQNs identify initiators.
 */
class KernelFindingsEndToEndTest {
  static final String NQN = "nqn.2014-08.io.strata:vm-images";

  @TempDir Path tmp;

  Engine engine(Cluster c) {
    String yaml =
        """
        git: {url: ., path: manifests}
        secrets: {clusterKeyRef: file:cluster.key}
        reconcile: {parallelism: {perNode: 4, total: 16}, probeTimeout: 2s}
        simulation:
          stateDir: sim
          nodes:
            alpha: {volumeGroups: {vg0: 100GiB}, thinPools: {vg0/thin: 80GiB}, zpools: {tank: 200GiB}}
            beta: {volumeGroups: {vg0: 100GiB}, thinPools: {vg0/thin: 80GiB}, zpools: {tank: 200GiB}}
            gamma: {volumeGroups: {vg0: 100GiB}, thinPools: {vg0/thin: 80GiB}, zpools: {tank: 200GiB}, drbd: 8.4.11}
        """;
    return Engine.open(
        ConfigLoader.parse("strata.yaml", yaml, c.root),
        Map.of("TEST_LUKS_KEY", "correct horse battery staple"));
  }

  Cluster nvmeOnAlphaForBeta() {
    return new Cluster(tmp)
        .write("cluster.yaml", Cluster.NODES_AND_POOLS)
        .write(
            "vol.yaml",
            Cluster.templateAndVolume("vm-images", "nvme, storage", "thick", 1, "4 GiB", "beta")
                .replace("pools: [thick]", "pools: [thick], nodes: [alpha]"));
  }

  static String read(Host h, Path p) {
    return h.readFile(p).map(b -> new String(b, StandardCharsets.UTF_8).strip()).orElse(null);
  }

  /** Items 1 and 3 together: the export is closed to all but beta, and beta survives its death. */
  @Test
  void aDeadTargetLeavesTheInitiatorObservedAndTheExportIsClosed() {
    try (Engine e = engine(nvmeOnAlphaForBeta())) {
      Engine.Desired d = e.desired(null, null);
      Engine.Applied applied = e.apply(e.planFor(d, false, false).plan(), d);
      assertEquals(List.of(), applied.failures());
      assertEquals(Map.of(), e.observe(d.state()).state().unreachable());
      assertEquals(List.of(), applied.remaining());

      Host alpha = e.simulation().cluster().host("alpha");
      Host beta = e.simulation().cluster().host("beta");
      String betaNqn = read(beta, Path.of("/etc/nvme/hostnqn"));
      assertEquals("0", read(alpha, Nvmet.subsystem(NQN).resolve("attr_allow_any_host")));
      assertEquals(List.of(betaNqn), alpha.list(Nvmet.allowedHosts(NQN)));

      // the target stops serving: beta's namespace stays, its I/O queues (ctrl_loss_tmo)
      alpha.writeFile(Nvmet.namespace(NQN, 1).resolve("enable"), "0\n".getBytes(), 0644);
      Result old = beta.run(LvmCommands.pvs().argv(), new byte[0], Duration.ofMillis(300));
      assertTrue(old.timedOut(), "the simulator blocks a scan that admits the dead path");

      long t0 = System.nanoTime();
      ObservedState o = e.observe(d.state()).state();
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(Map.of(), o.unreachable(), "no node is unknown");
      assertTrue(ms < 2000, "observed within one probe timeout, took " + ms + " ms");
      assertTrue(o.nodes().get("beta").volumeGroup("vg0").isPresent(), "beta's own VG is seen");

      // heal re-enables the export; the path is live again
      Plan heal = e.planFor(d, false, false).plan();
      assertTrue(heal.refused().isEmpty(), heal.refused().toString());
      assertEquals(List.of(), e.apply(heal, d).failures());
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }

  /**
   * Found by the kernel lab: the target's subsystem removed while an initiator is connected. The
   * real kernel keeps the path "connecting" (nvme-tcp's reconnect loop) and reconnects by itself
   * once the export is back; the heal must re-export and then wait for that, not fail its connect.
   */
  @Test
  void aRemovedSubsystemLeavesAConnectingPathThatTheHealReconnects() {
    try (Engine e = engine(nvmeOnAlphaForBeta())) {
      Engine.Desired d = e.desired(null, null);
      assertEquals(List.of(), e.apply(e.planFor(d, false, false).plan(), d).failures());
      Host alpha = e.simulation().cluster().host("alpha");
      // by hand, as the lab does on a real node: unlink from the port, drop the subsystem
      for (String port : alpha.list(Path.of("/sys/kernel/config/nvmet/ports"))) {
        alpha.deleteFile(Path.of("/sys/kernel/config/nvmet/ports", port, "subsystems", NQN));
      }
      Result rm =
          alpha.run(
              List.of(
                  "sh",
                  "-c",
                  "c=/sys/kernel/config/nvmet/subsystems/$1; rm -f $c/allowed_hosts/*;"
                      + " echo 0 > $c/namespaces/1/enable; rmdir $c/namespaces/1 $c",
                  "sh",
                  NQN),
              new byte[0],
              Duration.ofSeconds(5));
      ObservedState o = e.observe(d.state()).state();
      assertEquals(Map.of(), o.unreachable(), "no node is unknown");
      assertEquals(
          List.of("connecting"),
          o.nodes().get("beta").nvmeConnections().stream().map(c -> c.state()).toList(),
          "the initiator's path is reconnecting, as on the real kernel (" + rm + ")");

      Plan heal = e.planFor(d, false, false).plan();
      assertEquals(List.of(), e.apply(heal, d).failures(), heal.changes().toString());
      ObservedState after = e.observe(d.state()).state();
      assertEquals(
          List.of("live"),
          after.nodes().get("beta").nvmeConnections().stream().map(c -> c.state()).toList());
      assertTrue(e.planFor(d, false, false).plan().changes().isEmpty(), "converged");
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }

  /** Item 3: two nodes with one host NQN (qemu guests without a DMI UUID) are refused. */
  @Test
  void aSharedHostNqnIsRefused() {
    Cluster c =
        new Cluster(tmp)
            .write("cluster.yaml", Cluster.NODES_AND_POOLS)
            .write(
                "vol.yaml",
                Cluster.templateAndVolume("vm-images", "nvme, storage", "thick", 1, "4 GiB", "beta")
                    .replace("pools: [thick]", "pools: [thick], nodes: [alpha]"));
    try (Engine e = engine(c)) {
      byte[] zero =
          "nqn.2014-08.org.nvmexpress:uuid:00000000-0000-0000-0000-000000000000\n".getBytes();
      e.simulation().cluster().host("beta").writeFile(Path.of("/etc/nvme/hostnqn"), zero, 0644);
      e.simulation().cluster().host("gamma").writeFile(Path.of("/etc/nvme/hostnqn"), zero, 0644);
      Plan p = e.planFor(e.desired(null, null), false, false).plan();
      assertTrue(p.changes().isEmpty(), p.changes().toString());
      assertTrue(
          p.refused().stream().anyMatch(r -> r.reason().contains("cannot tell them apart")),
          p.refused().toString());
    }
  }

  /** Item 4: gamma runs DRBD 8.4: only DRBD volumes touching it are refused, with the version. */
  @Test
  void aDrbd84NodeIsObservedAndOnlyItsDrbdIsRefused() {
    Cluster c =
        new Cluster(tmp)
            .write("cluster.yaml", Cluster.NODES_AND_POOLS)
            .write(
                "pg.yaml",
                Cluster.templateAndVolume("pg", "drbd, storage", "thick", 2, "4 GiB", "gamma"))
            .write(
                "logs.yaml",
                Cluster.templateAndVolume("logs", "luks, storage", "thick", 1, "4 GiB", "")
                    .replace("pools: [thick]", "pools: [thick], nodes: [gamma]"));
    try (Engine e = engine(c)) {
      Engine.Desired d = e.desired(null, null);
      ObservedState o = e.observe(d.state()).state();
      assertEquals(Map.of(), o.unreachable(), "gamma is not unknown");
      assertTrue(
          o.nodes()
              .get("gamma")
              .unobserved()
              .get(Layer.DRBD)
              .startsWith("DRBD 9 required, found 8.4.11"));
      assertFalse(o.nodes().get("alpha").unobserved().containsKey(Layer.DRBD));
      Plan p = e.planFor(d, false, false).plan();
      assertTrue(
          p.refused().stream()
              .anyMatch(
                  r ->
                      r.volume().equals("pg")
                          && "gamma".equals(r.node())
                          && r.reason().contains("DRBD 9 required, found 8.4.11")),
          p.refused().toString());
      assertTrue(p.changes().stream().noneMatch(ch -> ch.volume().equals("pg")));
      Engine.Applied applied = e.apply(p, d);
      assertEquals(List.of(), applied.failures());
      assertTrue(
          e.observe(d.state()).state().nodes().get("gamma").luksDevice("strata-logs").isPresent(),
          "the LUKS volume on the 8.4 node converged");
    }
  }

  /** Item 5: a template's luks.pbkdf reaches luksFormat on the node. */
  @Test
  void theTemplatesPbkdfIsWhatLuksFormatRuns() {
    Cluster c =
        new Cluster(tmp)
            .write("cluster.yaml", Cluster.NODES_AND_POOLS)
            .write(
                "logs.yaml",
                Cluster.templateAndVolume("logs", "luks, storage", "thick", 1, "4 GiB", "")
                    .replace(
                        "luks: {passphraseRef: env:TEST_LUKS_KEY}",
                        "luks: {passphraseRef: env:TEST_LUKS_KEY, pbkdf: {type: argon2id, memory: 64 MiB, time: 200}}"));
    try (Engine e = engine(c)) {
      Engine.Desired d = e.desired(null, null);
      Engine.Applied applied = e.apply(e.planFor(d, false, false).plan(), d);
      assertEquals(List.of(), applied.failures());
      List<String> format =
          e.simulation().cluster().commandLog().stream()
              .filter(r -> r.argv().size() > 1 && r.argv().get(1).equals("luksFormat"))
              .findFirst()
              .orElseThrow()
              .argv();
      String argv = String.join(" ", format);
      assertTrue(argv.contains("--pbkdf argon2id --pbkdf-memory 65536 --iter-time 200"), argv);
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }
}
