package io.strata.reconciler.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Result;
import io.strata.planner.observed.ObservedState;
import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.daemon.Daemon;
import io.strata.reconciler.engine.Engine;
import io.strata.reconciler.engine.EngineCycleSteps;
import io.strata.schema.model.DesiredState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blast-radius guard as the daemon lives it: the planner drops the deletes of a push that would
 * destroy too much (a refusal of kind guard), the rest of the push is applied, and the operator
 * sees the guard in the status branch and in {@code /metrics}.
 */
class DaemonGuardTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration CONVERGE = Duration.ofSeconds(30);

  @TempDir Path tmp;

  @Test
  void aTrippedGuardKeepsTheVolumeAppliesTheRestAndIsReported() throws Exception {
    SimRepo repo = new SimRepo(tmp, "  prune: true\n", "", "0s");
    String c1 =
        repo.git.commitAndPush(
            "cluster and two volumes",
            "manifests/cluster.yaml",
            repo.cluster(),
            "manifests/volumes/a.yaml",
            deletable("a"),
            "manifests/volumes/b.yaml",
            deletable("b"));
    StrataConfig cfg = repo.load();
    try (Engine engine = Engine.open(cfg);
        Daemon<DesiredState, ObservedState> daemon =
            new Daemon<>(cfg, new EngineCycleSteps(engine), Daemon.Options.defaults(cfg))) {
      daemon.start();
      SimRepo.await(
          () -> repo.ready(c1, List.of("a", "b")),
          CONVERGE,
          () -> "a, b Ready\n" + repo.status("status/reconciler.yaml"));

      // b leaves Git (1 of 2 volumes: 50 % > the default 10 %) while c arrives
      repo.git.commitAndPush(
          "drop b, add c",
          "manifests/volumes/b.yaml",
          null,
          "manifests/volumes/c.yaml",
          deletable("c"));
      daemon.requestCycle();
      SimRepo.await(
          () -> {
            String rec = repo.status("status/reconciler.yaml");
            String c = repo.status("status/volumes/c.yaml");
            return rec != null
                && rec.contains("reason: GuardRefused")
                && c != null
                && c.contains("- type: Ready\n  status: 'True'");
          },
          CONVERGE,
          () -> "guard reported, c Ready\n" + repo.status("status/reconciler.yaml"));
      String rec = repo.status("status/reconciler.yaml");
      assertTrue(rec.contains("blast-radius guard: this plan would delete 1 of"), rec);

      HttpResponse<String> metrics =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + daemon.httpPort() + "/metrics"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertTrue(metrics.body().contains("strata_failures_total{stage=\"guard\"}"), metrics.body());

      Result lvs = repo.sim().host(nodeOf(repo)).run(List.of("lvs"), new byte[0], CONVERGE);
      assertTrue(lvs.out().contains("b_00000"), "b kept by the guard: " + lvs.out());
      assertEquals(List.of(), repo.sim().dataLossEvents());
    }
  }

  private static String deletable(String name) {
    return SimRepo.volume(name, "plain", "1 GiB")
        .replace("template: plain}", "template: plain, deletionPolicy: Delete}");
  }

  /** The node that holds b's replica, from the simulated cluster's own lvs. */
  private static String nodeOf(SimRepo repo) {
    for (String node : List.of("alpha", "beta", "gamma")) {
      Result r = repo.sim().host(node).run(List.of("lvs"), new byte[0], CONVERGE);
      if (r.out().contains("b_00000")) {
        return node;
      }
    }
    return "alpha";
  }
}
