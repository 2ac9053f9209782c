package io.strata.reconciler.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.plan.Plan;
import io.strata.reconciler.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the daemon as a process: {@code strata daemon} is started as a real JVM, killed
 * with SIGKILL at a random moment while it applies a repository of several volumes and stacks, and
 * started again. Every run must converge (status branch Ready, a fresh plan empty) with zero
 * data-loss events in the simulated cluster's ledger, and no commit of the status branch may have
 * reported the repository Ready while a volume was not.
 *
 * <p>{@code -Dstrata.crash.runs=N} and {@code -Dstrata.crash.seed=S} reproduce a run; the seed is
 * printed. Each run's daemon logs are in its temp folder ({@code daemon-*.log}).
 */
class DaemonCrashTest {
  private static final int RUNS = Integer.getInteger("strata.crash.runs", 20);
  private static final Duration CONVERGE = Duration.ofSeconds(60);
  private static final List<String> VOLUMES = List.of("m1", "m2", "s1", "p1");

  /** Kept when the test fails: each run's daemon logs are the evidence. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path tmp;

  @Test
  void killedDuringApplyAndRestartedEveryRunConvergesWithoutDataLoss() throws Exception {
    long seed = Long.getLong("strata.crash.seed", System.nanoTime());
    System.out.println("DaemonCrashTest seed " + seed + " (-Dstrata.crash.seed=" + seed + ")");
    Random random = new Random(seed);
    int killedBeforeConverged = 0;
    List<String> timings = new ArrayList<>();
    for (int run = 0; run < RUNS; run++) {
      Path dir = tmp.resolve("run-" + run);
      Files.createDirectories(dir);
      SimRepo repo = new SimRepo(dir, "", "", "10ms");
      String commit =
          repo.git.commitAndPush(
              "cluster and four volumes",
              "manifests/cluster.yaml",
              repo.cluster(),
              "manifests/volumes/m1.yaml",
              SimRepo.volume("m1", "mirrored", "4 GiB"),
              "manifests/volumes/m2.yaml",
              SimRepo.volume("m2", "mirrored", "2 GiB"),
              "manifests/volumes/s1.yaml",
              SimRepo.volume("s1", "sealed", "3 GiB"),
              "manifests/volumes/p1.yaml",
              SimRepo.volume("p1", "plain", "1 GiB"));
      long delayMs = random.nextInt(1400);
      String context = "run " + run + " (seed " + seed + ", kill after " + delayMs + " ms)";

      Process first =
          DaemonProcess.start(repo.config, repo.root, dir.resolve("daemon-1.log"))
              .awaitListening(context)
              .process;
      Thread.sleep(delayMs); // the crash point is a random time: that is this test's purpose
      first.destroyForcibly();
      assertTrue(first.waitFor(30, TimeUnit.SECONDS), context + ": killed daemon did not exit");
      boolean converged = repo.ready(commit, VOLUMES);
      if (!converged) {
        killedBeforeConverged++;
      }

      long t0 = System.nanoTime();
      try (DaemonProcess second =
          DaemonProcess.start(repo.config, repo.root, dir.resolve("daemon-2.log"))) {
        SimRepo.await(
            () -> repo.ready(commit, VOLUMES) || !second.process.isAlive(),
            CONVERGE,
            () ->
                context + ": restarted daemon to converge\n" + second.diagnosis() + statuses(repo));
        assertTrue(
            second.process.isAlive(), context + ": restarted daemon exited\n" + second.tail());
      }
      timings.add((converged ? "late" : "mid") + ":" + (System.nanoTime() - t0) / 1_000_000 + "ms");

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
    System.out.println(
        "DaemonCrashTest: "
            + RUNS
            + " runs, "
            + killedBeforeConverged
            + " killed before convergence; restart to Ready: "
            + timings);
    assertTrue(
        killedBeforeConverged > 0, "no kill landed before convergence: the test proves nothing");
  }

  private static String statuses(SimRepo repo) {
    StringBuilder b = new StringBuilder();
    b.append(repo.status("status/reconciler.yaml"));
    for (String v : VOLUMES) {
      b.append("\n").append(repo.status("status/volumes/" + v + ".yaml"));
    }
    return b.toString();
  }
}
