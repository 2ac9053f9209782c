package io.strata.reconciler.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.observed.ObservedState;
import io.strata.reconciler.alert.RecordingHttpSink;
import io.strata.reconciler.config.ConfigLoader;
import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.daemon.Daemon;
import io.strata.reconciler.engine.Engine;
import io.strata.reconciler.engine.EngineCycleSteps;
import io.strata.reconciler.git.GitCli;
import io.strata.schema.model.DesiredState;
import io.strata.simulator.SimulatedCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, load: a cluster of many simulated nodes (100 in {@code mvn -B verify}, {@code
 * -Dstrata.load.nodes=1000} for the full form) where one node is unreachable and one answers no
 * command at all (the simulator's {@code hang} fault: only the probe timeout ends it). The others
 * must not wait for them: every volume on a healthy node converges, the two are reported with their
 * cause in the status branch and in alerts, the hanging node costs each cycle one probe timeout and
 * no more, and a push that arrives while a probe hangs is served by the next cycle.
 */
@Tag("load")
class ManyNodesLoadTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final int NODES = Integer.getInteger("strata.load.nodes", 100);
  private static final String PROBE_TIMEOUT = System.getProperty("strata.load.probeTimeout", "5s");
  private static final Duration CONVERGE = Duration.ofMinutes(5); // a bound against a hang only

  @TempDir Path tmp;

  private static String node(int i) {
    return String.format("node-%04d", i);
  }

  private static String volume(int i, String size) {
    return "apiVersion: strata.io/v1\nkind: Volume\nmetadata: {name: vol-"
        + String.format("%04d", i)
        + "}\nspec: {size: "
        + size
        + ", template: plain, placement: {nodes: ["
        + node(i)
        + "]}}\n";
  }

  @Test
  void oneUnreachableAndOneHangingNodeDoNotStallTheOthers() throws Exception {
    String unreachable = node(NODES / 3);
    String hanging = node(2 * NODES / 3);
    String grown = node(1);
    GitCli git = GitCli.create(tmp);
    StringBuilder cluster = new StringBuilder();
    StringBuilder seeds = new StringBuilder();
    StringBuilder volumes = new StringBuilder();
    for (int i = 0; i < NODES; i++) {
      cluster
          .append("apiVersion: strata.io/v1\nkind: Node\nmetadata: {name: ")
          .append(node(i))
          .append(", labels: {storage: \"yes\"}}\nspec: {address: 10.1.")
          .append(i / 250)
          .append('.')
          .append(i % 250 + 1)
          .append(", connection: {type: simulated}}\n---\n");
      seeds.append("    ").append(node(i)).append(": {volumeGroups: {vg0: 20GiB}, ");
      seeds.append("thinPools: {vg0/thin: 16GiB}}\n");
      volumes.append(volume(i, "1 GiB")).append("---\n");
    }
    cluster.append(
        """
        apiVersion: strata.io/v1
        kind: StoragePool
        metadata: {name: thin}
        spec: {nodeSelector: {storage: "yes"}, provider: {type: lvm-thin, volumeGroup: vg0, thinPool: thin}}
        ---
        apiVersion: strata.io/v1
        kind: ResourceTemplate
        metadata: {name: plain}
        spec: {layers: [storage], placement: {redundancy: 1, pools: [thin]}}
        """);
    try (RecordingHttpSink sink = new RecordingHttpSink()) {
      Files.writeString(
          tmp.resolve("strata.yaml"),
          "git: {url: "
              + git.bare()
              + ", path: manifests, pollInterval: 1h}\n"
              + "http: {bind: 127.0.0.1, port: 0, allowUnauthenticatedWebhook: true}\n"
              + "reconcile:\n  driftInterval: 1h\n  probeTimeout: "
              + PROBE_TIMEOUT
              + "\n  parallelism: {perNode: 4, total: 64}\n"
              + "alerts:\n  - {type: alertmanager, url: '"
              + sink.uri()
              + "'}\n"
              + "simulation:\n  stateDir: memory\n  latency: 1ms\n  nodes:\n"
              + seeds);
      String c1 =
          git.commitAndPush(
              NODES + " nodes, a volume on each",
              "manifests/cluster.yaml",
              cluster.toString(),
              "manifests/volumes.yaml",
              volumes.toString());
      StrataConfig cfg = ConfigLoader.load(tmp.resolve("strata.yaml"));
      try (Engine engine = Engine.open(cfg);
          Daemon<DesiredState, ObservedState> daemon =
              new Daemon<>(cfg, new EngineCycleSteps(engine), Daemon.Options.defaults(cfg))) {
        SimulatedCluster sim = engine.simulation().cluster();
        sim.faults().setUnreachable(unreachable, true);
        sim.faults().hangAlways(hanging, List.of());
        long t0 = System.nanoTime();
        daemon.start();

        // While the first cycle's probe of the hanging node hangs, a push arrives: the webhook
        // answers at once (the listener is not the cycle's thread) and queues the next cycle.
        SimRepo.await(
            () -> sim.faults().hangingNow() > 0, CONVERGE, () -> "the first probe to hang");
        String c2 =
            git.commitAndPush(
                "grow vol-0001",
                "manifests/volumes.yaml",
                volumes.toString().replace(volume(1, "1 GiB"), volume(1, "2 GiB")));
        HttpResponse<String> hook = post(daemon, "{\"ref\":\"refs/heads/main\"}");
        assertEquals(202, hook.statusCode(), hook.body());
        // /healthz answers too (503 "starting" until the first cycle ends), from its own thread
        assertTrue(get(daemon, "/healthz").body().contains("\"status\""));

        // Every healthy node's volume converges on c2; the grown one has its new size.
        List<String> waitingFor = new ArrayList<>();
        SimRepo.await(
            () -> {
              waitingFor.clear();
              Map<String, String> status = status(git);
              for (int i = 0; i < NODES; i++) {
                if (node(i).equals(unreachable) || node(i).equals(hanging)) {
                  continue;
                }
                String v = status.get(String.format("status/volumes/vol-%04d.yaml", i));
                if (v == null
                    || !v.contains("- type: Ready\n  status: 'True'")
                    || !v.contains("observedCommit: " + c2)
                    || (i == 1 && !v.contains("requestedBytes: 2147483648"))) {
                  waitingFor.add(node(i));
                }
              }
              return waitingFor.isEmpty();
            },
            CONVERGE,
            () -> "healthy volumes Ready at " + c2 + "; not yet: " + waitingFor);
        double converged = (System.nanoTime() - t0) / 1e9;
        long cycles = daemon.cyclesCompleted();

        // The two are reported, with their cause.
        Map<String, String> status = status(git);
        String u = status.get("status/nodes/" + unreachable + ".yaml");
        String h = status.get("status/nodes/" + hanging + ".yaml");
        assertTrue(u.contains("reachable: false") && u.contains("unreachable"), u);
        assertTrue(h.contains("reachable: false") && h.contains("timed out"), h);
        List<String> alerts = sink.await(1, 60_000);
        String all = String.join("\n", alerts);
        assertTrue(all.contains(unreachable) && all.contains(hanging), all);
        assertTrue(all.contains("unreachable"), all);

        // The hanging node cost each cycle one probe timeout, not one per probe or per pass; and
        // c1 and c2 took at most three cycles: the push during the hang queued one, not a pile.
        // A cycle the push queued may still be running when the status shows c2, its probe of the
        // hanging node already counted and the cycle not yet (a fixed read of both raced, seen in
        // CI): every hang must be matched by a completed cycle or drift check once they are done.
        assertTrue(cycles <= 3, "cycles: " + cycles);
        SimRepo.await(
            () ->
                sim.faults().hangingNow() == 0
                    && sim.faults().hungTotal()
                        <= daemon.cyclesCompleted() + daemon.driftChecksCompleted(),
            CONVERGE,
            () ->
                sim.faults().hungTotal()
                    + " hung probes in "
                    + daemon.cyclesCompleted()
                    + " cycles and "
                    + daemon.driftChecksCompleted()
                    + " drift checks");
        assertTrue(daemon.cyclesCompleted() <= 3, "cycles: " + daemon.cyclesCompleted());
        assertEquals(List.of(), sim.dataLossEvents());
        String lvs =
            sim.host(grown)
                .run(
                    List.of("lvs", "--noheadings", "--units", "b", "--nosuffix", "-o", "lv_size"),
                    new byte[0],
                    Duration.ofSeconds(30))
                .out();
        assertTrue(lvs.contains("2147483648"), "vol-0001 grown: " + lvs);
        System.out.printf(
            "load: %d nodes (1 unreachable, 1 hanging, probeTimeout %s): c1 + c2 converged in"
                + " %.1f s over %d cycles, %d hung probe(s); cycle seconds %s; load average %.2f%n",
            NODES,
            PROBE_TIMEOUT,
            converged,
            daemon.cyclesCompleted(),
            sim.faults().hungTotal(),
            cycleSeconds(daemon),
            java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
        assertTrue(c1.length() == 40);
      }
    }
  }

  private static Map<String, String> status(GitCli git) {
    try {
      return StatusHistory.head(git.bare(), "strata/status");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String cycleSeconds(Daemon<?, ?> daemon) {
    String m = new String(daemon.metrics().scrape(), java.nio.charset.StandardCharsets.UTF_8);
    StringBuilder b = new StringBuilder();
    for (String line : m.split("\n")) {
      if (line.startsWith("strata_cycle_duration_seconds_sum")
          || line.startsWith("strata_cycle_duration_seconds_count")) {
        b.append(line.substring(line.lastIndexOf(' ') + 1)).append(' ');
      }
    }
    return "count/sum " + b.toString().strip();
  }

  private static HttpResponse<String> post(Daemon<?, ?> d, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + d.httpPort() + "/hooks/git"))
            .header("X-GitHub-Event", "push")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(Daemon<?, ?> d, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + d.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
