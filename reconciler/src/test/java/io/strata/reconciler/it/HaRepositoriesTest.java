package io.strata.reconciler.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.reconciler.ha.TestDatabase;
import io.strata.simulator.CommandRecord;
import io.strata.simulator.SimulatedCluster;
import io.strata.simulator.state.SimSeed;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several repositories ({@code repositories:}) served by two {@code strata daemon} processes with
 * {@code ha:}: the repositories spread over both (two each), each repository is applied by the
 * instance active for it alone, into its own simulated cluster; when one instance dies the other
 * takes all of them. Real processes, real PostgreSQL (skipped without, see {@link TestDatabase}).
 */
class HaRepositoriesTest {
  private static final List<String> NAMES = List.of("east", "west", "north", "south");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern ACTIVE_FOR = Pattern.compile("\"repositories\":\\[([^\\]]*)\\]");

  @TempDir Path tmp;

  /** Each repository: a bare Git repository with its manifests (a SimRepo under tmp/NAME). */
  private final Map<String, SimRepo> repos = new LinkedHashMap<>();

  private Path fleetConfig(TestDatabase db) throws Exception {
    Path pw = tmp.resolve("db.password");
    Files.writeString(pw, db.password() == null ? "" : db.password());
    StringBuilder y = new StringBuilder();
    y.append("git: {path: manifests, pollInterval: 1h}\n")
        .append("http: {bind: 127.0.0.1, port: 0, allowUnauthenticatedWebhook: true}\n")
        .append("reconcile:\n  driftInterval: 1h\n  parallelism: {perNode: 4, total: 16}\n")
        .append("simulation:\n  stateDir: sim\n  latency: 10ms\n  nodes:\n");
    for (String n : List.of("alpha", "beta", "gamma")) {
      y.append("    ")
          .append(n)
          .append(": {volumeGroups: {vg0: 100GiB}, thinPools: {vg0/thin: 80GiB},")
          .append(" zpools: {tank: 200GiB}}\n");
    }
    y.append(db.yaml(pw.toString(), "  checkinInterval: 1s\n  leaseTtl: 4s\n"));
    y.append("repositories:\n");
    for (String name : NAMES) {
      SimRepo r = new SimRepo(Files.createDirectories(tmp.resolve(name)), "", "", "0ms");
      r.git.commitAndPush("cluster", "manifests/cluster.yaml", r.cluster());
      repos.put(name, r);
      y.append("  - {name: ").append(name).append(", url: ").append(r.git.bare()).append("}\n");
    }
    Path config = tmp.resolve("strata.yaml");
    Files.writeString(config, y.toString());
    return config;
  }

  /** The simulated cluster of one repository: {@code <simulation.stateDir>/<name>}. */
  private SimulatedCluster sim(String name) {
    return SimulatedCluster.persistent(
        tmp.resolve("sim").resolve(name), SimSeed.standardFor("alpha", "beta", "gamma"));
  }

  private DaemonProcess start(Path config, String name) {
    DaemonProcess d = DaemonProcess.start(config, tmp, tmp.resolve(name + ".log"));
    SimRepo.await(
        () -> !d.process.isAlive() || d.printedHttpPort(),
        Duration.ofSeconds(120),
        () -> name + " to start\n" + d.diagnosis());
    assertTrue(d.process.isAlive(), name + " exited\n" + d.tail());
    return d;
  }

  private static String get(DaemonProcess d, String path) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + d.httpPort() + path)).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (Exception e) {
      return "";
    }
  }

  /** The repositories {@code d} says (in /healthz) it is active for. */
  private static Set<String> activeFor(DaemonProcess d) {
    Matcher m = ACTIVE_FOR.matcher(get(d, "/healthz"));
    Set<String> out = new TreeSet<>();
    if (m.find() && !m.group(1).isBlank()) {
      for (String s : m.group(1).split(",")) {
        out.add(s.replace("\"", "").strip());
      }
    }
    return out;
  }

  /** The log lines worth reading when spreading fails: HA roles, warnings, errors. */
  private static String notable(DaemonProcess d) {
    return d.log()
        .lines()
        .filter(l -> l.contains("HaCluster") || l.contains("WARN") || l.contains("ERROR"))
        .limit(60)
        .reduce("", (x, y) -> x + y + "\n");
  }

  private static void push(DaemonProcess d) throws Exception {
    HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + d.httpPort() + "/hooks/git"))
            .header("X-GitHub-Event", "push")
            .POST(HttpRequest.BodyPublishers.ofString("{\"ref\":\"refs/heads/main\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Adds a volume to every repository; returns each one's new commit. */
  private Map<String, String> addVolume(String volume) {
    Map<String, String> commits = new LinkedHashMap<>();
    repos.forEach(
        (name, r) ->
            commits.put(
                name,
                r.git.commitAndPush(
                    volume,
                    "manifests/volumes/" + volume + ".yaml",
                    SimRepo.volume(volume, "mirrored", "1 GiB"))));
    return commits;
  }

  private void awaitReady(Map<String, String> commits, List<String> volumes, DaemonProcess... ds) {
    for (String name : NAMES) {
      SimRepo.await(
          () -> repos.get(name).ready(commits.get(name), volumes),
          Duration.ofSeconds(120),
          () ->
              name
                  + " to converge\n"
                  + String.join("\n", List.of(ds).stream().map(DaemonProcess::tail).toList()));
    }
  }

  @Test
  void repositoriesSpreadOverTwoInstancesAndTheSurvivorTakesThemAll() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    Path config = fleetConfig(db);
    try (DaemonProcess a = start(config, "a")) {
      // alone, a leads every repository
      SimRepo.await(
          () -> activeFor(a).size() == NAMES.size(),
          Duration.ofSeconds(60),
          () -> "a to lead all four\n" + get(a, "/healthz") + a.tail());
      DaemonProcess b = start(config, "b");
      try {
        // b joins: a hands repositories over until each leads its share, two
        SimRepo.await(
            () -> activeFor(a).size() == 2 && activeFor(b).size() == 2,
            Duration.ofSeconds(90),
            () ->
                "two repositories each\na: "
                    + get(a, "/healthz")
                    + "\nb: "
                    + get(b, "/healthz")
                    + "\n"
                    + notable(a)
                    + notable(b));
        Set<String> ofA = activeFor(a);
        Set<String> ofB = activeFor(b);
        Set<String> all = new TreeSet<>(ofA);
        all.addAll(ofB);
        assertEquals(new TreeSet<>(NAMES), all, "every repository has an active instance");

        Map<String, String> commits = addVolume("v1");
        push(a);
        push(b);
        awaitReady(commits, List.of("v1"), a, b);
        for (String name : NAMES) {
          long owner = (ofA.contains(name) ? a : b).process.pid();
          List<CommandRecord> journal =
              sim(name).commandLog().stream().filter(CommandRecord::mutating).toList();
          Set<Long> pids = new HashSet<>();
          journal.stream().filter(e -> e.command().contains("v1")).forEach(e -> pids.add(e.pid()));
          assertEquals(Set.of(owner), pids, name + ": v1 applied by its active instance alone");
          assertEquals(List.of(), HaFailoverTest.createdTwice(journal), name + ": applied twice");
          assertEquals(List.of(), sim(name).dataLossEvents(), name + ": data-loss events");
        }
        String metrics = get(a, "/metrics");
        for (String name : NAMES) {
          assertTrue(
              metrics.contains("strata_instance_active{repository=\"" + name + "\"} "),
              "metrics labelled by repository:\n" + metrics);
        }
        String index = get(b, "/");
        assertTrue(index.contains("/repositories/east/"), index);
        String page = get(b, "/repositories/" + ofB.iterator().next() + "/");
        assertTrue(page.contains("active instance") && page.contains("-" + b.process.pid()), page);
        assertTrue(
            get(b, "/repositories/" + ofA.iterator().next() + "/api/v1/status")
                .contains("\"activeInstance\":\""),
            "the JSON status names the active instance");

        // b dies: a takes all four back, and converges a change in each
        b.process.destroyForcibly();
        assertTrue(b.process.waitFor(30, TimeUnit.SECONDS));
        SimRepo.await(
            () -> activeFor(a).size() == NAMES.size(),
            Duration.ofSeconds(90),
            () -> "a to lead all four again\n" + get(a, "/healthz") + a.tail());
        Map<String, String> again = addVolume("v2");
        push(a);
        awaitReady(again, List.of("v1", "v2"), a);
        for (String name : NAMES) {
          List<CommandRecord> journal =
              sim(name).commandLog().stream().filter(CommandRecord::mutating).toList();
          assertEquals(List.of(), HaFailoverTest.createdTwice(journal), name + ": applied twice");
          assertEquals(List.of(), sim(name).dataLossEvents(), name + ": data-loss events");
        }

        // a graceful stop stops every repository (their Quartz pools are their own)
        a.process.destroy();
        assertTrue(a.process.waitFor(60, TimeUnit.SECONDS), "a to stop on SIGTERM\n" + notable(a));
      } finally {
        b.close();
      }
    }
  }
}
