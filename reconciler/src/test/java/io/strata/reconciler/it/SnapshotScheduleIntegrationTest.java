package io.strata.reconciler.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Result;
import io.strata.planner.naming.Names;
import io.strata.planner.observed.ObservedState;
import io.strata.reconciler.alert.RecordingHttpSink;
import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.daemon.Daemon;
import io.strata.reconciler.engine.Engine;
import io.strata.reconciler.engine.EngineCycleSteps;
import io.strata.reconciler.schedule.Backoff;
import io.strata.schema.model.DesiredState;
import io.strata.simulator.SimulatedCluster;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled snapshots under a running daemon with the real engine on the persistent simulated
 * cluster (docs/decisions/028): a schedule that fires every second, keep 2. The daemon takes
 * snapshots and prunes the oldest, never the Snapshot from Git nor an LV Strata does not own. Then
 * the daemon stops and a new one starts ten minutes later (by its clock): the missed fires are told
 * — a status condition, an alert, a metric — and caught up with one snapshot, not one per fire.
 */
class SnapshotScheduleIntegrationTest {
  private static final Duration CONVERGE = Duration.ofSeconds(60);
  private static final Duration DOWN = Duration.ofMinutes(10);

  @TempDir Path tmp;

  private static final String VOLUMES =
      """
      apiVersion: strata.io/v1
      kind: Volume
      metadata: {name: s}
      spec:
        size: 1 GiB
        template: plain
        snapshots: {schedule: "* * * * * ?", keep: 2}
      ---
      apiVersion: strata.io/v1
      kind: Snapshot
      metadata: {name: s-manual}
      spec: {volume: s}
      ---
      apiVersion: strata.io/v1
      kind: ResourceTemplate
      metadata: {name: zplain}
      spec: {layers: [storage], placement: {redundancy: 1, pools: [zfs]}}
      ---
      apiVersion: strata.io/v1
      kind: Volume
      metadata: {name: z}
      spec:
        size: 1 GiB
        template: zplain
        snapshots: {schedule: "* * * * * ?", keep: 1}
      """;

  /** Scheduled zvol snapshots of {@code z} on any node (ZFS marks them by strata:owner). */
  private static Set<String> zfsScheduled(SimulatedCluster sim) {
    Set<String> names = new TreeSet<>();
    for (String node : List.of("alpha", "beta", "gamma")) {
      Result r =
          sim.host(node)
              .run(
                  List.of("zfs", "list", "-Hp", "-t", "snapshot", "-o", "name,strata:owner"),
                  new byte[0],
                  Duration.ofSeconds(10));
      for (String line : r.out().split("\n")) {
        String[] f = line.split("\t");
        if (f.length == 2 && f[0].contains("@z-auto-")) {
          assertEquals("strata-scheduled", f[1], "marked scheduled: " + line);
          names.add(f[0]);
        }
      }
    }
    return names;
  }

  /** Snapshot LV names of {@code s} on {@code node}. */
  private static Set<String> snapshots(SimulatedCluster sim, String node) {
    Result r =
        sim.host(node)
            .run(
                List.of("lvs", "--noheadings", "-o", "lv_name"),
                new byte[0],
                Duration.ofSeconds(10));
    assertEquals(0, r.exitCode(), r.err());
    Set<String> names = new TreeSet<>();
    for (String line : r.out().split("\n")) {
      String n = line.trim();
      if (n.startsWith("s-")) {
        names.add(n);
      }
    }
    return names;
  }

  private static Set<String> scheduled(Set<String> names) {
    Set<String> out = new TreeSet<>();
    names.stream()
        .filter(n -> n.startsWith("s" + Names.SCHEDULED_INFIX) && !n.equals(UNOWNED))
        .forEach(out::add);
    return out;
  }

  private static final String UNOWNED = "s-auto-20200101t000000z";

  private static Daemon<DesiredState, ObservedState> daemon(
      StrataConfig cfg, Engine engine, Clock clock) {
    Daemon.Options d = Daemon.Options.defaults(cfg);
    // a short backoff: a volume whose snapshot failed is retried within the test's patience
    Backoff quick =
        new Backoff(
            Duration.ofMillis(200),
            Duration.ofSeconds(1),
            0.2,
            java.util.random.RandomGenerator.getDefault());
    return new Daemon<>(
        cfg,
        new EngineCycleSteps(engine),
        new Daemon.Options(
            d.stateDir(), clock, quick, d.delivery(), d.shutdownWait(), d.secrets()));
  }

  @Test
  void keepsKeepAndCatchesUpOnceAfterADaemonStop() throws Exception {
    try (RecordingHttpSink sink = new RecordingHttpSink()) {
      SimRepo repo = new SimRepo(tmp, "", sink.alertsYaml(), "0s");
      String c1 =
          repo.git.commitAndPush(
              "a scheduled volume",
              "manifests/cluster.yaml",
              repo.cluster(),
              "manifests/volumes.yaml",
              VOLUMES);
      StrataConfig cfg = repo.load();
      SimulatedCluster sim = repo.sim();
      Set<String> seen = new TreeSet<>();
      String node;
      try (Engine engine = Engine.open(cfg);
          Daemon<DesiredState, ObservedState> daemon = daemon(cfg, engine, Clock.systemUTC())) {
        daemon.start();
        SimRepo.await(
            () -> repo.ready(c1, List.of("s", "z")),
            CONVERGE,
            () -> "s Ready\n" + repo.status("status/volumes/s.yaml"));
        node = nodeOf(sim);
        // an LV named like a scheduled snapshot and tagged so, but not Strata's: never pruned
        Result r =
            sim.host(node)
                .run(
                    List.of(
                        "lvcreate",
                        "--snapshot",
                        "--name",
                        UNOWNED,
                        "--addtag",
                        "strata-scheduled",
                        "vg0/" + Names.storageName("s")),
                    new byte[0],
                    Duration.ofSeconds(10));
        assertEquals(0, r.exitCode(), r.err());
        // every second a snapshot; at most keep (+1 while the newest is taken, before pruning)
        SimRepo.await(
            () -> {
              Set<String> now = snapshots(sim, node);
              Set<String> auto = scheduled(now);
              assertTrue(auto.size() <= 3, "keep 2 exceeded: " + now);
              seen.addAll(auto);
              return seen.size() >= 5 && auto.size() == 2;
            },
            CONVERGE,
            () -> "five scheduled snapshots taken, two kept: " + seen);
        Set<String> zseen = new TreeSet<>();
        SimRepo.await(
            () -> {
              Set<String> now = zfsScheduled(sim);
              assertTrue(now.size() <= 2, "keep 1 exceeded on ZFS: " + now);
              zseen.addAll(now);
              return zseen.size() >= 3 && now.size() == 1;
            },
            CONVERGE,
            () -> "three scheduled zvol snapshots taken, one kept: " + zseen);
      }
      Instant stopped = Instant.now();
      Set<String> atStop = snapshots(sim, node);
      assertTrue(atStop.contains("s-manual"), "the Snapshot from Git stays: " + atStop);
      assertTrue(atStop.contains(UNOWNED), "the unowned LV stays: " + atStop);
      assertEquals(List.of(), sim.dataLossEvents());

      // ten minutes later by the new daemon's clock: 600 fires were missed
      Clock later = Clock.offset(Clock.systemUTC(), DOWN);
      Instant restart = later.instant();
      try (Engine engine = Engine.open(cfg);
          Daemon<DesiredState, ObservedState> daemon = daemon(cfg, engine, later)) {
        daemon.start();
        SimRepo.await(
            () ->
                sink.received("StrataSnapshotScheduleMissed", "\"status\":\"firing\"", "schedule/s")
                    && sink.received(
                        "StrataSnapshotScheduleMissed", "\"status\":\"resolved\"", "schedule/s"),
            CONVERGE,
            () -> "the missed schedule told and resolved: " + sink.bodies());
        assertEquals(
            1,
            sink.count("StrataSnapshotScheduleMissed", "\"status\":\"firing\"", "schedule/s"),
            () -> "one episode: " + sink.bodies());
        double missed = daemon.metrics().snapshotsMissed("s");
        assertTrue(missed >= DOWN.toSeconds() - 5, "missed fires counted once: " + missed);
        assertTrue(missed <= DOWN.toSeconds() + 60, "missed fires counted once: " + missed);
        String history =
            repo.git.inBare("log", "-p", "strata/status", "--", "status/volumes/s.yaml");
        // a status commit set the condition (the next cycle, on schedule again, clears it)
        assertTrue(
            history.contains("+  status: 'True'\n+  reason: Missed\n+  message: ")
                && history.contains("missed since"),
            history);
        // caught up with one snapshot named after the latest fire, none for the fires in between
        Set<String> after = scheduled(snapshots(sim, node));
        for (String name : after) {
          Instant t = Names.scheduledTime("s", name).orElseThrow();
          assertTrue(
              !t.isAfter(stopped) || !t.isBefore(restart.minusSeconds(1)),
              "a snapshot for a fire while no daemon ran: " + name + " " + after);
        }
        SimRepo.await(
            () ->
                scheduled(snapshots(sim, node)).stream()
                    .anyMatch(n -> !Names.scheduledTime("s", n).orElseThrow().isBefore(restart)),
            CONVERGE,
            () -> "a snapshot after the restart: " + snapshots(sim, node));
      }
      Set<String> end = snapshots(sim, node);
      assertTrue(scheduled(end).size() <= 2, "keep 2: " + end);
      assertTrue(end.contains("s-manual") && end.contains(UNOWNED), end.toString());
      assertEquals(List.of(), sim.dataLossEvents());
    }
  }

  @Test
  void aSnapshotThatFailedIsReportedAndTakenAgain() throws Exception {
    try (RecordingHttpSink sink = new RecordingHttpSink()) {
      SimRepo repo = new SimRepo(tmp, "", sink.alertsYaml(), "0s");
      String c1 =
          repo.git.commitAndPush(
              "a scheduled volume",
              "manifests/cluster.yaml",
              repo.cluster(),
              "manifests/volumes.yaml",
              VOLUMES);
      StrataConfig cfg = repo.load();
      SimulatedCluster sim = repo.sim();
      try (Engine engine = Engine.open(cfg);
          Daemon<DesiredState, ObservedState> daemon = daemon(cfg, engine, Clock.systemUTC())) {
        daemon.start();
        SimRepo.await(
            () ->
                repo.ready(c1, List.of("s", "z"))
                    && !scheduled(snapshots(sim, nodeOf(sim))).isEmpty(),
            CONVERGE,
            () -> "s Ready with a scheduled snapshot\n" + repo.status("status/volumes/s.yaml"));
        String node = nodeOf(sim);
        // every lvcreate fails for a while: retries, then the volume backs off
        engine
            .simulation()
            .cluster()
            .faults()
            .failTimes(null, List.of("lvcreate"), 12, 5, "injected");
        SimRepo.await(
            () ->
                sink.received("StrataSnapshotScheduleMissed", "\"status\":\"firing\"", "not taken"),
            CONVERGE,
            () -> "the failed snapshot told: " + sink.bodies());
        Instant told = Instant.now();
        engine.simulation().cluster().faults().clear();
        SimRepo.await(
            () ->
                sink.received(
                        "StrataSnapshotScheduleMissed", "\"status\":\"resolved\"", "schedule/s")
                    && scheduled(snapshots(sim, node)).stream()
                        .anyMatch(n -> Names.scheduledTime("s", n).orElseThrow().isAfter(told)),
            CONVERGE,
            () -> "taken again and resolved: " + sink.bodies() + " " + snapshots(sim, node));
        assertTrue(daemon.metrics().snapshotsMissed("s") >= 1);
      }
      assertTrue(scheduled(snapshots(sim, nodeOf(sim))).size() <= 2);
      assertEquals(List.of(), sim.dataLossEvents());
    }
  }

  private static String nodeOf(SimulatedCluster sim) {
    for (String node : List.of("alpha", "beta", "gamma")) {
      Result lvs = sim.host(node).run(List.of("lvs"), new byte[0], Duration.ofSeconds(10));
      if (lvs.out().contains(Names.storageName("s"))) {
        return node;
      }
    }
    throw new AssertionError("no replica of s");
  }
}
