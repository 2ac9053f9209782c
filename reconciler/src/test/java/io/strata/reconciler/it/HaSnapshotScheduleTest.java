package io.strata.reconciler.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.reconciler.ha.TestDatabase;
import io.strata.simulator.CommandRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled snapshots with {@code ha:} (docs/decisions/028): two {@code strata daemon} processes on
 * one repository, a real PostgreSQL (skipped without one), a schedule firing every second. Every
 * scheduled snapshot is created by exactly one process, once; after the active one is killed the
 * standby takes over, reports the fires missed while no instance led, and carries on.
 */
class HaSnapshotScheduleTest {
  private static final Duration CONVERGE = Duration.ofSeconds(90);

  @TempDir Path tmp;

  private static final String VOLUME =
      """
      apiVersion: strata.io/v1
      kind: Volume
      metadata: {name: s}
      spec:
        size: 1 GiB
        template: plain
        snapshots: {schedule: "* * * * * ?", keep: 3}
      """;

  private DaemonProcess start(SimRepo repo, String name) {
    return DaemonProcess.start(repo.config, repo.root, tmp.resolve(name + ".log"))
        .awaitJoined(name);
  }

  /** Scheduled snapshot creations that succeeded: name → the pids that created it. */
  private static Map<String, List<Long>> created(SimRepo repo) {
    Map<String, List<Long>> out = new TreeMap<>();
    for (CommandRecord r : repo.sim().commandLog()) {
      List<String> a = r.argv();
      if (r.exitCode() == 0
          && !a.isEmpty()
          && a.get(0).equals("lvcreate")
          && a.contains("strata-scheduled")
          && a.contains("--name")) {
        String name = a.get(a.indexOf("--name") + 1);
        out.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(r.pid());
      }
    }
    return out;
  }

  private static String last(String log) {
    return log.length() < 6000 ? log : log.substring(log.length() - 6000);
  }

  private static long by(Map<String, List<Long>> created, DaemonProcess d) {
    return created.values().stream().filter(p -> p.contains(d.process.pid())).count();
  }

  @Test
  void eachFireIsTakenByOneInstanceOnceAndATakeoverReportsTheGap() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    Path pw = tmp.resolve("db.password");
    Files.writeString(pw, db.password() == null ? "" : db.password());
    SimRepo repo =
        new SimRepo(
            tmp, "", db.yaml(pw.toString(), "  checkinInterval: 1s\n  leaseTtl: 4s\n"), "0s");
    repo.git.commitAndPush(
        "a scheduled volume", "manifests/cluster.yaml", repo.cluster(), "manifests/s.yaml", VOLUME);
    try (DaemonProcess a = start(repo, "a")) {
      a.awaitActive("a");
      try (DaemonProcess b = start(repo, "b")) {
        SimRepo.await(
            () -> by(created(repo), a) >= 3,
            CONVERGE,
            () -> "a to take three scheduled snapshots: " + created(repo) + "\n" + last(a.log()));
        a.process.destroyForcibly();
        assertTrue(a.process.waitFor(30, TimeUnit.SECONDS));
        b.awaitActive("b");
        SimRepo.await(
            () -> by(created(repo), b) >= 3,
            CONVERGE,
            () -> "b to take three scheduled snapshots: " + created(repo) + "\n" + last(b.log()));
        Map<String, List<Long>> created = created(repo);
        created.forEach(
            (name, pids) ->
                assertEquals(1, pids.size(), name + " created more than once: " + pids));
        SimRepo.await(
            () -> {
              String s = repo.status("status/volumes/s.yaml");
              return s != null && s.contains("type: SnapshotScheduleMissed");
            },
            CONVERGE,
            () -> "status of s");
        String history =
            repo.git.inBare("log", "-p", "strata/status", "--", "status/volumes/s.yaml");
        assertTrue(
            history.contains("+  reason: Missed\n") && history.contains("no daemon was running"),
            "the takeover gap is reported:\n" + history);
      }
    }
  }
}
