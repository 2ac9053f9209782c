package io.strata.reconciler.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.plan.Plan;
import io.strata.reconciler.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the daemon as a process: {@code strata daemon} is started as a real JVM, killed
 * with SIGKILL at a random moment while it applies a repository of several volumes and stacks, and
 * started again. Every run must converge (status branch Ready, a fresh plan empty) with zero
 * data-loss events in the simulated cluster's ledger.
 *
 * <p>{@code -Dstrata.crash.runs=N} and {@code -Dstrata.crash.seed=S} reproduce a run; the seed is
 * printed. Each run's daemon logs are in its temp folder ({@code daemon-*.log}).
 */
class DaemonCrashTest {
  private static final int RUNS = Integer.getInteger("strata.crash.runs", 20);
  private static final Duration CONVERGE = Duration.ofSeconds(60);
  private static final List<String> VOLUMES = List.of("m1", "m2", "s1", "p1");

  @TempDir Path tmp;

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

      Process first = start(repo, dir.resolve("daemon-1.log"));
      awaitListening(first, dir.resolve("daemon-1.log"), context);
      Thread.sleep(delayMs);
      first.destroyForcibly();
      assertTrue(first.waitFor(30, TimeUnit.SECONDS), context + ": killed daemon did not exit");
      boolean converged = repo.ready(commit, VOLUMES);
      if (!converged) {
        killedBeforeConverged++;
      }

      long t0 = System.nanoTime();
      Process second = start(repo, dir.resolve("daemon-2.log"));
      try {
        SimRepo.await(
            () -> repo.ready(commit, VOLUMES) || !second.isAlive(),
            CONVERGE,
            () ->
                context
                    + ": restarted daemon to converge\n"
                    + tail(dir.resolve("daemon-2.log"))
                    + statuses(repo));
        assertTrue(
            second.isAlive(),
            context + ": restarted daemon exited\n" + tail(dir.resolve("daemon-2.log")));
      } finally {
        second.destroy(); // SIGTERM: graceful stop
        if (!second.waitFor(30, TimeUnit.SECONDS)) {
          second.destroyForcibly().waitFor();
        }
      }
      timings.add((converged ? "late" : "mid") + ":" + (System.nanoTime() - t0) / 1_000_000 + "ms");

      assertEquals(List.of(), repo.sim().dataLossEvents(), context + ": data-loss events");
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

  /** {@code java -cp <this JVM's classpath> io.strata.reconciler.cli.Main daemon --config …}. */
  private static Process start(SimRepo repo, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> argv =
        List.of(
            java,
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xmx256m",
            "-Dstrata.test.log=" + log,
            "-cp",
            System.getProperty("java.class.path"),
            "io.strata.reconciler.cli.Main",
            "daemon",
            "--config",
            repo.config.toString());
    return new ProcessBuilder(argv)
        .directory(repo.root.toFile())
        .redirectErrorStream(true)
        .redirectOutput(
            ProcessBuilder.Redirect.appendTo(
                log.resolveSibling(log.getFileName() + ".out").toFile()))
        .start();
  }

  /** Waits for the daemon's "watching" line (it then runs its first cycle at once). */
  private static void awaitListening(Process p, Path log, String context) {
    Path out = log.resolveSibling(log.getFileName() + ".out");
    SimRepo.await(
        () -> !p.isAlive() || tail(out).contains("strata daemon: watching"),
        Duration.ofSeconds(60),
        () -> context + ": daemon to start\n" + tail(out));
    assertTrue(p.isAlive(), context + ": daemon exited at start\n" + tail(out));
  }

  private static String statuses(SimRepo repo) {
    StringBuilder b = new StringBuilder();
    b.append(repo.status("status/reconciler.yaml"));
    for (String v : VOLUMES) {
      b.append("\n").append(repo.status("status/volumes/" + v + ".yaml"));
    }
    return b.toString();
  }

  private static String tail(Path file) {
    try {
      if (!Files.exists(file)) {
        return "";
      }
      String s = Files.readString(file);
      return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    } catch (IOException e) {
      return e.toString();
    }
  }
}
