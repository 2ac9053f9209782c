package io.strata.reconciler.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strata.reconciler.ha.TestDatabase;
import io.strata.simulator.CommandRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * High availability with real processes: two {@code strata daemon} JVMs with {@code ha:} on one
 * repository, one persistent simulated cluster and a real PostgreSQL (skipped without one, see
 * {@link TestDatabase}). The simulated nodes journal every state-changing operation with the pid of
 * the process that sent it ({@code sim/commands.jsonl}, {@code pid}, {@code started}, {@code
 * ended}), which is how these tests tell who applied what.
 *
 * <p>{@code -Dstrata.ha.kills=20} also measures failover (kill -9 of the active instance mid-apply
 * to the standby's first command on a node) over that many kills and prints min/median/p90/max.
 */
class HaFailoverTest {
  private static final List<String> VOLUMES = List.of("m1", "m2", "s1", "p1");
  private static final Duration CONVERGE = Duration.ofSeconds(90);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path tmp;

  /** A repository, its simulated cluster and {@code ha:} on a fresh database schema. */
  private SimRepo repo(TestDatabase db) throws Exception {
    return repo(db, "30ms");
  }

  /** As above, every simulated command taking {@code latency}. */
  private SimRepo repo(TestDatabase db, String latency) throws Exception {
    Path pw = tmp.resolve("db.password");
    Files.writeString(pw, db.password() == null ? "" : db.password());
    return new SimRepo(
        tmp, "", db.yaml(pw.toString(), "  checkinInterval: 1s\n  leaseTtl: 4s\n"), latency);
  }

  private DaemonProcess start(SimRepo repo, String name) {
    return DaemonProcess.start(repo.config, repo.root, tmp.resolve(name + ".log"))
        .awaitJoined(name);
  }

  private static String get(DaemonProcess d, String path) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + d.httpPort() + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static void push(DaemonProcess d) throws Exception {
    HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + d.httpPort() + "/hooks/git"))
            .header("X-GitHub-Event", "push")
            .POST(HttpRequest.BodyPublishers.ofString("{\"ref\":\"refs/heads/main\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private List<CommandRecord> journal(SimRepo repo) {
    return repo.sim().commandLog().stream().filter(CommandRecord::mutating).toList();
  }

  private long count(SimRepo repo, DaemonProcess d) {
    return journal(repo).stream().filter(e -> e.pid() == d.process.pid()).count();
  }

  /**
   * Asks {@code a} to apply, waits until it has sent 8 commands, kills it with SIGKILL; returns
   * when (epoch ms).
   */
  private long killMidApply(SimRepo repo, DaemonProcess a) throws Exception {
    push(a);
    SimRepo.await(
        () -> count(repo, a) >= 8,
        Duration.ofSeconds(60),
        () -> "a to start applying\n" + a.tail());
    long killed = System.currentTimeMillis();
    a.process.destroyForcibly();
    assertTrue(a.process.waitFor(30, TimeUnit.SECONDS));
    return killed;
  }

  private String volumesCommit(SimRepo repo) {
    return repo.git.commitAndPush(
        "four volumes",
        "manifests/volumes/m1.yaml",
        SimRepo.volume("m1", "mirrored", "4 GiB"),
        "manifests/volumes/m2.yaml",
        SimRepo.volume("m2", "mirrored", "2 GiB"),
        "manifests/volumes/s1.yaml",
        SimRepo.volume("s1", "sealed", "3 GiB"),
        "manifests/volumes/p1.yaml",
        SimRepo.volume("p1", "plain", "1 GiB"));
  }

  /** Creating commands that succeeded twice for the same object: the same change applied twice. */
  static List<String> createdTwice(List<CommandRecord> journal) {
    Map<String, Integer> seen = new HashMap<>();
    for (CommandRecord e : journal) {
      String c = e.command();
      boolean creates =
          c.contains("lvcreate")
              || c.contains("create-md")
              || c.contains("luksFormat")
              || c.startsWith("zfs create");
      if (creates && e.exitCode() == 0) {
        seen.merge(e.node() + ": " + c, 1, Integer::sum);
      }
    }
    List<String> twice = new ArrayList<>();
    seen.forEach(
        (k, n) -> {
          if (n > 1) {
            twice.add(n + "x " + k);
          }
        });
    return twice;
  }

  private static String trailerOfLastStatusCommit(SimRepo repo) {
    String msg = repo.git.inBare("log", "-1", "--format=%B", "strata/status");
    Matcher m = Pattern.compile("Strata-Instance: (\\S+)").matcher(msg);
    return m.find() ? m.group(1) : "";
  }

  @Test
  void activeKilledMidApplyTheStandbyFinishesWithoutApplyingAnythingTwice() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    SimRepo repo = repo(db);
    repo.git.commitAndPush("cluster", "manifests/cluster.yaml", repo.cluster());
    try (DaemonProcess a = start(repo, "a")) {
      a.awaitActive("a");
      try (DaemonProcess b = start(repo, "b")) {
        assertTrue(get(b, "/healthz").contains("\"role\":\"standby\""), get(b, "/healthz"));
        assertTrue(get(a, "/healthz").contains("\"role\":\"active\""), get(a, "/healthz"));
        assertTrue(get(b, "/metrics").contains("strata_instance_active 0.0"));

        String commit = volumesCommit(repo);
        long killed = killMidApply(repo, a);

        SimRepo.await(
            () -> repo.ready(commit, VOLUMES),
            CONVERGE,
            () -> "the standby to converge\n" + b.tail());
        List<CommandRecord> journal = journal(repo);
        long byB = journal.stream().filter(e -> e.pid() == b.process.pid()).count();
        assertTrue(byB > 0, "the standby applied nothing: the kill came after convergence");
        long firstByB =
            journal.stream()
                .filter(e -> e.pid() == b.process.pid())
                .mapToLong(CommandRecord::startedMillis)
                .min()
                .orElseThrow();
        System.out.println(
            "HaFailoverTest: kill -9 to the standby's first command: "
                + (firstByB - killed)
                + " ms");
        assertEquals(List.of(), createdTwice(journal), "changes applied twice");
        assertEquals(List.of(), repo.sim().dataLossEvents(), "data-loss events");
        assertTrue(
            trailerOfLastStatusCommit(repo).endsWith("-" + b.process.pid()),
            "status is committed by the active instance: " + trailerOfLastStatusCommit(repo));
        assertTrue(get(b, "/healthz").contains("\"role\":\"active\""), get(b, "/healthz"));
        assertTrue(get(b, "/metrics").contains("strata_instance_active 1.0"));
      }
    }
  }

  @Test
  void pausedActiveStartsNothingAfterItResumes() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    SimRepo repo = repo(db);
    repo.git.commitAndPush("cluster", "manifests/cluster.yaml", repo.cluster());
    try (DaemonProcess a = start(repo, "a")) {
      a.awaitActive("a");
      try (DaemonProcess b = start(repo, "b")) {
        String commit = volumesCommit(repo);
        push(a);
        SimRepo.await(
            () -> count(repo, a) >= 5,
            Duration.ofSeconds(60),
            () -> "a to start applying\n" + a.tail());
        signal("STOP", a.process.pid());
        // past its lease, the standby takes over while a is paused. (It may not converge before
        // a resumes: a process paused inside a simulated node's state transaction holds that
        // node's lock, which a real node would not wait for.)
        SimRepo.await(
            () -> b.log().contains("is active for"),
            Duration.ofSeconds(60),
            () -> "the standby to take over while a is paused\n" + b.log());
        long resumed = System.currentTimeMillis();
        signal("CONT", a.process.pid());
        SimRepo.await(
            () -> repo.ready(commit, VOLUMES),
            CONVERGE,
            () -> "the standby to converge\n" + b.tail());
        SimRepo.await(
            () -> a.log().contains("is standby for"),
            Duration.ofSeconds(30),
            () -> "a to notice it lost the lease\n" + a.tail());
        // a's triggers fire at once after a pause; give it a cycle's worth of chances to misbehave
        String before = repo.git.inBare("rev-parse", "strata/status");
        push(a);
        push(b);
        SimRepo.await(
            () ->
                !repo.git.inBare("rev-parse", "strata/status").equals(before)
                    || b.log().contains("cycle no_change"),
            Duration.ofSeconds(30),
            () -> "b's next cycle\n" + b.tail());

        List<CommandRecord> journal = journal(repo);
        List<CommandRecord> startedAfterResume = new ArrayList<>();
        List<CommandRecord> inFlight = new ArrayList<>();
        for (CommandRecord e : journal) {
          if (e.pid() == a.process.pid() && e.endedMillis() >= resumed) {
            (e.startedMillis() >= resumed ? startedAfterResume : inFlight).add(e);
          }
        }
        System.out.println(
            "HaFailoverTest: commands a had in flight when paused (finished after resuming): "
                + inFlight.size());
        assertEquals(List.of(), startedAfterResume, "a started commands after it resumed");
        assertTrue(
            journal.stream().anyMatch(e -> e.pid() == b.process.pid()),
            "b applied nothing: the pause came too late to test anything");
        assertEquals(List.of(), createdTwice(journal), "changes applied twice");
        assertEquals(List.of(), repo.sim().dataLossEvents(), "data-loss events");
        assertTrue(get(a, "/healthz").contains("\"role\":\"standby\""), get(a, "/healthz"));
        assertTrue(trailerOfLastStatusCommit(repo).endsWith("-" + b.process.pid()));
      }
    }
  }

  @Test
  void threeInstancesOneActiveTwoStandbysExactlyOneTakesOver() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    SimRepo repo = repo(db);
    repo.git.commitAndPush("cluster", "manifests/cluster.yaml", repo.cluster());
    try (DaemonProcess a = start(repo, "a")) {
      a.awaitActive("a");
      try (DaemonProcess b = start(repo, "b");
          DaemonProcess c = start(repo, "c")) {
        for (DaemonProcess standby : List.of(b, c)) {
          String h = get(standby, "/healthz");
          assertTrue(h.contains("\"role\":\"standby\""), h);
          assertTrue(h.contains("\"repositories\":[]"), "a standby is active for none: " + h);
          assertTrue(h.contains("\"activeInstance\":\"") && h.contains("-" + a.process.pid()), h);
        }
        String commit = volumesCommit(repo);
        long killed = killMidApply(repo, a);

        SimRepo.await(
            () -> repo.ready(commit, VOLUMES),
            CONVERGE,
            () -> "a standby to converge\n" + b.tail() + c.tail());
        List<CommandRecord> journal = journal(repo);
        // a may still start a command between the timestamp and the signal landing: standbys only
        List<Long> after =
            journal.stream()
                .filter(e -> e.startedMillis() >= killed && e.pid() != a.process.pid())
                .map(CommandRecord::pid)
                .distinct()
                .toList();
        assertEquals(
            1,
            after.size(),
            "exactly one standby applies after the kill: pids "
                + after
                + " (a="
                + a.process.pid()
                + ", b="
                + b.process.pid()
                + ", c="
                + c.process.pid()
                + ")");
        DaemonProcess next = after.get(0) == b.process.pid() ? b : c;
        DaemonProcess idle = next == b ? c : b;
        assertEquals(
            0,
            journal.stream().filter(e -> e.pid() == idle.process.pid()).count(),
            "the other standby applied nothing");
        assertEquals(List.of(), createdTwice(journal), "changes applied twice");
        assertEquals(List.of(), repo.sim().dataLossEvents(), "data-loss events");
        assertTrue(get(next, "/healthz").contains("\"role\":\"active\""), get(next, "/healthz"));
        assertTrue(get(idle, "/healthz").contains("\"role\":\"standby\""), get(idle, "/healthz"));
        assertEquals(
            List.of(a.process.pid(), next.process.pid()),
            statusWriters(repo),
            "status commits from one instance at a time, a then its successor");
      }
    }
  }

  /**
   * The database stopped while the active instance applies, and started again: both instances live
   * through it; while it is down nobody starts a command once the active one's lease ran out;
   * afterwards an instance takes the lease again and converges, applying nothing twice.
   */
  @Test
  void databaseStoppedAndRestartedUnderLoad() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    String dir = TestDatabase.setting("STRATA_TEST_PG_DIR");
    String port = TestDatabase.setting("STRATA_TEST_PG_PORT");
    assumeTrue(
        dir != null && port != null,
        "SKIPPED: STRATA_TEST_PG_DIR/_PORT not set — start PostgreSQL with .ci/postgres so that"
            + " this test may stop and restart it");
    // slow commands, so that the apply outlasts the lease and must resume after the outage
    SimRepo repo = repo(db, "700ms");
    repo.git.commitAndPush("cluster", "manifests/cluster.yaml", repo.cluster());
    try (DaemonProcess a = start(repo, "a")) {
      a.awaitActive("a");
      try (DaemonProcess b = start(repo, "b")) {
        String commit = volumesCommit(repo);
        push(a);
        SimRepo.await(
            () -> count(repo, a) >= 2,
            Duration.ofSeconds(60),
            () -> "a to start applying\n" + a.tail());
        long restarted;
        long fenced;
        postgres("--stop", dir);
        try {
          SimRepo.await(
              () -> a.log().contains("is standby for"),
              Duration.ofSeconds(60),
              () -> "a to fence itself without the database\n" + a.tail());
          fenced = System.currentTimeMillis();
          // while the database is down nobody can hold a lease: b's Quartz fails to check in twice
          long tries = occurrences(b.log(), "ClusterManager");
          SimRepo.await(
              () -> occurrences(b.log(), "ClusterManager") >= tries + 2,
              Duration.ofSeconds(60),
              () -> "b to try for the lease without the database\n" + b.tail());
        } finally {
          postgres(dir, port);
          restarted = System.currentTimeMillis();
        }
        SimRepo.await(
            () -> repo.ready(commit, VOLUMES),
            Duration.ofSeconds(180),
            () -> "convergence after the database returned\n" + a.tail() + b.tail());
        assertTrue(a.process.isAlive(), "a died with the database\n" + a.tail());
        assertTrue(b.process.isAlive(), "b died with the database\n" + b.tail());
        List<CommandRecord> journal = journal(repo);
        List<CommandRecord> whileDown =
            journal.stream()
                .filter(e -> e.startedMillis() >= fenced && e.startedMillis() < restarted)
                .toList();
        assertEquals(List.of(), whileDown, "commands started with no lease held");
        assertTrue(
            journal.stream().anyMatch(e -> e.startedMillis() >= restarted),
            "nothing applied after the database returned: the outage came too late");
        assertEquals(List.of(), createdTwice(journal), "changes applied twice");
        assertEquals(List.of(), repo.sim().dataLossEvents(), "data-loss events");
        String ha = get(a, "/healthz") + get(b, "/healthz");
        assertEquals(
            1, ha.split("\"role\":\"active\"", -1).length - 1, "one active instance: " + ha);
      }
    }
  }

  private static long occurrences(String text, String what) {
    return text.split(Pattern.quote(what), -1).length - 1L;
  }

  /** Runs {@code .ci/postgres} (from the repository root) with {@code args}. */
  private static void postgres(String... args) throws Exception {
    Path script = Path.of("").toAbsolutePath().getParent().resolve(".ci/postgres");
    List<String> argv = new ArrayList<>(List.of("bash", script.toString()));
    argv.addAll(List.of(args));
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), ".ci/postgres " + List.of(args) + ": " + out);
  }

  /** The pids named by the status branch's Strata-Instance trailers, oldest first, runs merged. */
  private static List<Long> statusWriters(SimRepo repo) {
    String log = repo.git.inBare("log", "--reverse", "--format=%B", "strata/status");
    Matcher m = Pattern.compile("Strata-Instance: \\S+-(\\d+)").matcher(log);
    List<Long> runs = new ArrayList<>();
    while (m.find()) {
      long pid = Long.parseLong(m.group(1));
      if (runs.isEmpty() || runs.get(runs.size() - 1) != pid) {
        runs.add(pid);
      }
    }
    return runs;
  }

  /**
   * Failover time over many kills (opt-in: {@code -Dstrata.ha.kills=20}): each round adds a volume,
   * kills the active instance once it has started applying, and measures until the standby's first
   * command; a fresh standby is started for the next round.
   */
  @Test
  @EnabledIfSystemProperty(named = "strata.ha.kills", matches = "\\d+")
  void failoverTimeOverManyKills() throws Exception {
    int kills = Integer.getInteger("strata.ha.kills");
    TestDatabase db = TestDatabase.fresh();
    SimRepo repo = repo(db);
    repo.git.commitAndPush("cluster", "manifests/cluster.yaml", repo.cluster());
    List<Long> times = new ArrayList<>();
    List<String> volumes = new ArrayList<>();
    DaemonProcess active = start(repo, "d0");
    active.awaitActive("d0");
    DaemonProcess standby = start(repo, "d1");
    try {
      for (int i = 0; i < kills; i++) {
        String v = "v" + i;
        volumes.add(v);
        long before = count(repo, active);
        String commit =
            repo.git.commitAndPush(
                "volume " + v,
                "manifests/volumes/" + v + ".yaml",
                SimRepo.volume(v, "mirrored", "1 GiB"));
        push(active);
        DaemonProcess victim = active;
        SimRepo.await(
            () -> count(repo, victim) > before,
            Duration.ofSeconds(60),
            () -> "the active one to start applying\n" + victim.tail());
        long killed = System.currentTimeMillis();
        victim.process.destroyForcibly();
        assertTrue(victim.process.waitFor(30, TimeUnit.SECONDS));
        DaemonProcess next = standby;
        SimRepo.await(
            () -> firstStartedAfter(repo, next, killed) > 0,
            Duration.ofSeconds(60),
            () -> "the standby's first command\n" + next.tail());
        times.add(firstStartedAfter(repo, next, killed) - killed);
        SimRepo.await(
            () -> repo.ready(commit, volumes), CONVERGE, () -> "convergence\n" + next.tail());
        active = next;
        standby = start(repo, "d" + (i + 2));
      }
    } finally {
      active.close();
      standby.close();
    }
    List<Long> sorted = new ArrayList<>(times);
    Collections.sort(sorted);
    System.out.println(
        "HaFailoverTest: failover over "
            + kills
            + " kills (ms, kill -9 to the standby's first command): min "
            + sorted.get(0)
            + ", median "
            + sorted.get(sorted.size() / 2)
            + ", p90 "
            + sorted.get((int) Math.ceil(0.9 * sorted.size()) - 1)
            + ", max "
            + sorted.get(sorted.size() - 1)
            + "; all "
            + times);
    assertEquals(List.of(), createdTwice(journal(repo)), "changes applied twice");
    assertEquals(List.of(), repo.sim().dataLossEvents(), "data-loss events");
  }

  private long firstStartedAfter(SimRepo repo, DaemonProcess d, long t) {
    return journal(repo).stream()
        .filter(e -> e.pid() == d.process.pid() && e.startedMillis() >= t)
        .mapToLong(CommandRecord::startedMillis)
        .min()
        .orElse(0);
  }

  private static void signal(String sig, long pid) throws Exception {
    Process p = new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).inheritIO().start();
    assertEquals(0, p.waitFor(), "kill -" + sig);
  }
}
