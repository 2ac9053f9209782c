package io.strata.reconciler.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.plan.Plan;
import io.strata.reconciler.engine.Engine;
import io.strata.reconciler.engine.Simulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash points chosen by count, not by time: a real {@code strata daemon} process halts (as under
 * SIGKILL) right after the n-th state-changing command on the simulated cluster, for every n of the
 * initialization of a DRBD-over-LUKS volume and an NVMe-over-LUKS export in turn, and is restarted
 * — alternately from the same config folder and from a fresh one, as a standby on another host
 * would be. Every restart must converge: the repository and every volume Ready for the commit, a
 * fresh plan empty, no data-loss event in the simulated cluster's ledger, and no status commit of
 * either daemon reporting the repository Ready while a volume was not.
 *
 * <p>{@code -Dstrata.crashpoints.from=N} starts at crash point N (to reproduce one).
 */
class DaemonCrashPointsTest {
  private static final Duration CONVERGE = Duration.ofSeconds(90);
  private static final List<String> VOLUMES = List.of("s1", "e1");
  private static final String EXPORTED =
      """
      apiVersion: strata.io/v1
      kind: ResourceTemplate
      metadata: {name: exported}
      spec:
        layers: [nvme, luks, storage]
        luks: {passphraseRef: file:LUKS_KEY}
        placement: {redundancy: 1, pools: [thin]}
      ---
      apiVersion: strata.io/v1
      kind: Volume
      metadata: {name: e1}
      spec: {size: 1 GiB, template: exported, access: [beta]}
      """;

  @TempDir Path tmp;

  @Test
  void aDaemonKilledAfterEveryInitializationStepConverges() throws Exception {
    int from = Integer.getInteger("strata.crashpoints.from", 1);
    List<String> timings = new ArrayList<>();
    int n = from;
    for (; n < 200; n++) {
      Path dir = tmp.resolve("point-" + n);
      Files.createDirectories(dir);
      SimRepo repo = new SimRepo(dir, "", "secrets: {clusterKeyRef: file:cluster.key}\n", "0ms");
      String commit =
          repo.git.commitAndPush(
              "a sealed mirror and an encrypted export",
              "manifests/cluster.yaml",
              repo.cluster(),
              "manifests/volumes/s1.yaml",
              SimRepo.volume("s1", "sealed", "2 GiB"),
              "manifests/volumes/e1.yaml",
              EXPORTED.replace("LUKS_KEY", dir.resolve("luks.key").toString()));
      String context = "crash point " + n + " (-Dstrata.crashpoints.from=" + n + ")";

      int rc;
      try (DaemonProcess first =
          DaemonProcess.start(
              repo.config, dir, dir.resolve("daemon-1.log"), Simulation.HALT_AFTER + "=" + n)) {
        SimRepo.await(
            () -> !first.process.isAlive() || repo.ready(commit, VOLUMES),
            CONVERGE,
            () -> context + ": first daemon to halt or converge\n" + first.tail());
        if (first.process.isAlive()) {
          break; // converged before the n-th change: every crash point was tried
        }
        rc = first.process.exitValue();
      }
      assertEquals(137, rc, context + ": the first daemon died otherwise\n" + tail(dir, 1));

      boolean otherHost = n % 2 == 0;
      Path config = otherHost ? otherHost(repo, dir.resolve("host-b")) : repo.config;
      long t0 = System.nanoTime();
      try (DaemonProcess second =
          DaemonProcess.start(config, config.getParent(), dir.resolve("daemon-2.log"))) {
        SimRepo.await(
            () -> repo.ready(commit, VOLUMES) || !second.process.isAlive(),
            CONVERGE,
            () -> context + ": restarted daemon to converge\n" + second.tail() + statuses(repo));
        assertTrue(
            second.process.isAlive(), context + ": restarted daemon exited\n" + second.tail());
        assertTrue(
            repo.status("status/reconciler.yaml").contains("reason: Synced"),
            context + ": repository Ready\n" + repo.status("status/reconciler.yaml"));
      }
      timings.add(n + (otherHost ? "b" : "a") + ":" + (System.nanoTime() - t0) / 1_000_000 + "ms");

      assertEquals(List.of(), repo.sim().dataLossEvents(), context + ": data-loss events");
      assertEquals(
          List.of(),
          StatusHistory.readyWhileAVolumeIsNot(repo.git.bare(), "strata/status", VOLUMES),
          context + ": a status commit said Ready while a volume was not");
      try (Engine engine = Engine.open(repo.load())) {
        Plan plan = engine.planFor(engine.desired(null, "main"), false, false).plan();
        assertTrue(plan.isEmpty(), context + ": a fresh plan is not empty: " + plan.changes());
      }
    }
    System.out.println("DaemonCrashPointsTest: restarts to Ready " + timings);
    assertTrue(n - from > 20, "only " + (n - from) + " crash points: the test proves little");
  }

  /**
   * A second reconciler's config folder: the same repository, nodes (the persistent simulation) and
   * cluster key, nothing else of the first one's.
   */
  private static Path otherHost(SimRepo repo, Path home) throws IOException {
    Files.createDirectories(home);
    String yaml =
        Files.readString(repo.config)
            .replace("stateDir: sim", "stateDir: " + repo.simDir.toAbsolutePath())
            .replace(
                "clusterKeyRef: file:cluster.key",
                "clusterKeyRef: file:" + repo.root.resolve("cluster.key").toAbsolutePath());
    Path config = home.resolve("strata.yaml");
    Files.writeString(config, yaml);
    return config;
  }

  private static String tail(Path dir, int which) {
    return DaemonProcess.tail(dir.resolve("daemon-" + which + ".log.out"));
  }

  private static String statuses(SimRepo repo) {
    StringBuilder b = new StringBuilder(String.valueOf(repo.status("status/reconciler.yaml")));
    for (String v : VOLUMES) {
      b.append("\n").append(repo.status("status/volumes/" + v + ".yaml"));
    }
    return b.toString();
  }
}
