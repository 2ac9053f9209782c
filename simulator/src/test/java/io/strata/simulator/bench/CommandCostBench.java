package io.strata.simulator.bench;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.simulator.SimulatedCluster;
import io.strata.simulator.state.SimSeed;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cost of one command on the persistent simulated cluster as the cluster grows (not a test; run by
 * hand, see {@link SimBench} for the classpath):
 *
 * <pre>
 * java -cp … io.strata.simulator.bench.CommandCostBench 10 1000
 * </pre>
 *
 * For each size N: every node gets an NVMe port address (the cluster-wide listener index then has N
 * entries) and two LVs; then the same work — create, list and remove an LV on ten nodes — is timed
 * after a warm-up, in µs per command (wall and this thread's CPU time). Independent of N when a
 * command costs only what it touches.
 */
public final class CommandCostBench {
  private static final String PORT = "/sys/kernel/config/nvmet/ports/1";
  private static final int ROUNDS = 300;

  private CommandCostBench() {}

  public static void main(String[] args) throws Exception {
    for (String a : args.length == 0 ? new String[] {"10", "1000"} : args) {
      measure(Integer.parseInt(a));
    }
  }

  private static void measure(int nodes) throws Exception {
    Map<String, SimSeed> seeds = new TreeMap<>();
    for (int i = 0; i < nodes; i++) {
      seeds.put(name(i), SimSeed.standard());
    }
    Path dir = Files.createTempDirectory("cmdcost");
    SimulatedCluster c = SimulatedCluster.persistent(dir, seeds);
    long t0 = System.nanoTime();
    long cpu0 = cpu();
    for (int i = 0; i < nodes; i++) {
      Host h = c.host(name(i));
      h.writeFile(
          Path.of(PORT + "/addr_traddr"),
          ("10." + (i / 250) + "." + (i % 250) + ".1").getBytes(StandardCharsets.UTF_8),
          0644);
      check(h.run(List.of("lvcreate", "--size", "64m", "-n", "a", "-y", "vg0")));
      check(h.run(List.of("lvcreate", "--size", "64m", "-n", "b", "-y", "vg0")));
    }
    double setup = (System.nanoTime() - t0) / 1e3 / (3.0 * nodes);
    double setupCpu = (cpu() - cpu0) / 1e3 / (3.0 * nodes);
    work(c, ROUNDS); // warm-up
    long t1 = System.nanoTime();
    long cpu1 = cpu();
    int cmds = work(c, ROUNDS);
    double per = (System.nanoTime() - t1) / 1e3 / cmds;
    double perCpu = (cpu() - cpu1) / 1e3 / cmds;
    System.out.printf(
        "nodes=%d setup: %.0f us wall, %.0f us CPU per command; steady: %.0f us wall, %.0f us CPU"
            + " per command (%d commands on 10 nodes)%n",
        nodes, setup, setupCpu, per, perCpu, cmds);
  }

  private static int work(SimulatedCluster c, int rounds) {
    int cmds = 0;
    for (int r = 0; r < rounds; r++) {
      Host h = c.host(name(r % 10));
      check(h.run(List.of("lvcreate", "--size", "64m", "-n", "t", "-y", "vg0")));
      check(
          h.run(List.of("lvs", "--reportformat", "json", "--units", "b", "-o", "lv_name", "vg0")));
      check(h.run(List.of("lvremove", "-y", "vg0/t")));
      cmds += 3;
    }
    return cmds;
  }

  /** CPU time of this thread: the figure that holds on a loaded machine. */
  private static long cpu() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  private static String name(int i) {
    return String.format("n%05d", i);
  }

  private static void check(Result r) {
    if (!r.success()) {
      throw new IllegalStateException(r.argv() + " failed: " + r.err());
    }
  }
}
