package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.ForwardingHost;
import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.executors.nvme.Nvmet;
import io.strata.executors.run.PlanRunner;
import io.strata.executors.run.Progress;
import io.strata.executors.run.RunReport;
import io.strata.executors.stack.LayerExecutors;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.Plan;
import io.strata.schema.model.Layer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two NVMe exports on one target node share nvmet port 4420 (docs/decisions/026). Applied by the
 * parallel runner, they used to configure the port at once: one linked its subsystem (which enables
 * the port) while the other was still writing the port's attributes, which the kernel refuses with
 * EACCES. {@link PortRaceGate} forces exactly that interleaving whenever the runner lets both
 * exports touch the port at once, so the test fails without the plan's port edges, every time.
 */
class SharedNvmetPortEndToEndTest {
  static final String NQN_A = "nqn.2014-08.io.strata:vol-a";
  static final String NQN_B = "nqn.2014-08.io.strata:vol-b";
  static final int PORT = 4420;

  @TempDir Path tmp;

  private Cluster twoExportsOnAlpha() {
    return new Cluster(tmp)
        .write("cluster.yaml", Cluster.NODES_AND_POOLS)
        .write("a.yaml", onAlphaForBeta("vol-a"))
        .write("b.yaml", onAlphaForBeta("vol-b"));
  }

  private static String onAlphaForBeta(String name) {
    return Cluster.templateAndVolume(name, "nvme, storage", "thick", 1, "1 GiB", "beta")
        .replace("pools: [thick]", "pools: [thick], nodes: [alpha]")
        .replace("access: [", "deletionPolicy: Delete, access: [");
  }

  /** Applies {@code plan} with the parallel runner, alpha's port operations behind a fresh gate. */
  private static RunReport applyRacing(Engine e, Plan plan) {
    var sim = e.simulation().cluster();
    Host alpha = new PortRaceGate(sim.host("alpha"));
    LayerExecutors executors = LayerExecutors.previewOnly(); // no secret: nvme over plain LVs
    PlanRunner runner =
        new PlanRunner(
            c -> {
              if (c.action() == Action.DELETE) {
                throw new IllegalStateException("this runner authorizes no destruction: " + c);
              }
              return executors.apply(c.node().equals("alpha") ? alpha : sim.host(c.node()), c);
            },
            PlanRunner.Options.DEFAULT.withParallelism(4, 16),
            Progress.NONE);
    return runner.run(plan);
  }

  private static void assertBothExportedOnOnePort(Host alpha) {
    assertEquals(List.of(NQN_A, NQN_B), sorted(alpha.list(Nvmet.portSubsystems(PORT))));
    assertEquals("10.0.0.1", read(alpha, Nvmet.port(PORT).resolve("addr_traddr")));
    assertEquals("4420", read(alpha, Nvmet.port(PORT).resolve("addr_trsvcid")));
  }

  @Test
  void twoExportsOnOneNodeConfigureTheirSharedPortOneAfterTheOther() {
    try (Engine e = twoExportsOnAlpha().engine()) {
      Engine.Desired d = e.desired(null, null);
      Plan plan = e.planFor(d, false, false).plan();
      Change a = change(plan, "vol-a/alpha/nvme");
      Change b = change(plan, "vol-b/alpha/nvme");
      assertEquals(Action.CREATE, a.action());

      RunReport report = applyRacing(e, plan);
      assertEquals(List.of(), Reports.failures(report));
      assertTrue(b.dependsOn().contains(a.id()), () -> "the port edge is in the plan: " + b);
      assertBothExportedOnOnePort(e.simulation().cluster().host("alpha"));
      assertEquals(List.of(), e.planFor(d, false, false).plan().changes(), "converged");
    }
  }

  @Test
  void afterARebootBothExportsComeBackOnTheSharedPort() {
    try (Engine e = twoExportsOnAlpha().engine()) {
      Engine.Desired d = e.desired(null, null);
      Engine.Applied first = e.apply(e.planFor(d, false, false).plan(), d);
      assertEquals(List.of(), first.failures());
      e.simulation().cluster().markInUse();

      e.simulation().reboot("alpha"); // configfs is empty again, the LVs inactive
      Plan heal = e.planFor(d, false, false).plan();
      Change a = change(heal, "vol-a/alpha/nvme");
      Change b = change(heal, "vol-b/alpha/nvme");
      assertEquals(Action.CREATE, b.action(), "re-export");

      RunReport report = applyRacing(e, heal);
      assertEquals(List.of(), Reports.failures(report));
      assertTrue(b.dependsOn().contains(a.id()), () -> "the port edge is in the plan: " + b);
      assertBothExportedOnOnePort(e.simulation().cluster().host("alpha"));
      assertEquals(List.of(), e.planFor(d, false, false).plan().changes(), "converged");
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }

  /** The reverse path: removing one export leaves the port enabled under the other. */
  @Test
  void pruningOneExportKeepsThePortServingTheOther() throws IOException {
    Cluster c = twoExportsOnAlpha();
    try (Engine e = c.engine(1.0)) {
      Engine.Desired d = e.desired(null, null);
      assertEquals(List.of(), e.apply(e.planFor(d, false, false).plan(), d).failures());
      Host alpha = e.simulation().cluster().host("alpha");
      assertBothExportedOnOnePort(alpha);

      Files.delete(c.manifests.resolve("a.yaml"));
      Engine.Desired without = e.desired(null, null);
      Plan prune = e.planFor(without, false, true).plan();
      Change deleteA = change(prune, "vol-a/alpha/nvme");
      assertEquals(Action.DELETE, deleteA.action());
      Engine.Applied pruned = e.apply(prune, without);
      assertEquals(List.of(), pruned.failures());
      assertEquals(List.of(), pruned.remaining(), "vol-b's export and its path stay as they are");
      assertEquals(List.of(NQN_B), alpha.list(Nvmet.portSubsystems(PORT)));
      assertEquals("10.0.0.1", read(alpha, Nvmet.port(PORT).resolve("addr_traddr")));
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }

  private static Change change(Plan plan, String id) {
    return plan.changes().stream()
        .filter(c -> c.id().equals(id) && c.layer() == Layer.NVME)
        .findFirst()
        .orElseThrow(() -> new AssertionError(id + " not in " + plan.changes()));
  }

  private static List<String> sorted(List<String> l) {
    return l.stream().sorted().toList();
  }

  private static String read(Host h, Path p) {
    return h.readFile(p).map(b -> new String(b, StandardCharsets.UTF_8).strip()).orElse(null);
  }

  /**
   * Forces the losing interleaving of two exports configuring port 4420 at once: both find the port
   * without links; the second reads an attribute not yet written and is about to write it; the
   * first writes all attributes and links (enabling the port); then the second writes. A thread
   * that finds no partner within {@link #PARTNER} (the exports are ordered) opens the gate for
   * good, so an ordered apply only waits that once.
   */
  static final class PortRaceGate implements ForwardingHost {
    private static final Duration PARTNER = Duration.ofSeconds(2);
    private static final Duration STEP = Duration.ofSeconds(10);
    private final Host delegate;
    private final Path port = Nvmet.port(PORT);
    private final Map<Thread, Integer> rank = new ConcurrentHashMap<>();
    private final AtomicInteger arrivals = new AtomicInteger();
    private final CountDownLatch bothArrived = new CountDownLatch(2);
    private final CountDownLatch secondWrites = new CountDownLatch(1);
    private final CountDownLatch linked = new CountDownLatch(1);
    private volatile boolean open;

    PortRaceGate(Host delegate) {
      this.delegate = delegate;
    }

    @Override
    public Host delegate() {
      return delegate;
    }

    private static void await(CountDownLatch l, Duration d) {
      try {
        l.await(d.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public List<String> list(Path dir) {
      if (!open && dir.equals(Nvmet.portSubsystems(PORT)) && !rank.containsKey(currentThread())) {
        // an export about to decide whether the port is enabled: wait for the other one
        rank.put(currentThread(), arrivals.getAndIncrement());
        bothArrived.countDown();
        try {
          if (!bothArrived.await(PARTNER.toMillis(), TimeUnit.MILLISECONDS)) {
            open = true;
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return delegate.list(dir);
    }

    @Override
    public void writeFile(Path path, byte[] content, int mode) {
      Integer r = rank.get(currentThread());
      if (!open && r != null && port.equals(path.getParent())) {
        if (r == 0) {
          await(secondWrites, STEP); // let the second read a stale attribute first
        } else {
          secondWrites.countDown();
          await(linked, STEP); // and write it only once the first has enabled the port
        }
      }
      delegate.writeFile(path, content, mode);
    }

    @Override
    public Result run(List<String> argv, byte[] stdin, Duration timeout) {
      Result res = delegate.run(argv, stdin, timeout);
      if (argv.size() == 4
          && argv.get(0).equals("ln")
          && Path.of(argv.get(3)).getParent().equals(Nvmet.portSubsystems(PORT))) {
        linked.countDown();
      }
      return res;
    }

    private static Thread currentThread() {
      return Thread.currentThread();
    }
  }
}
