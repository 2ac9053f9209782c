package io.strata.reconciler.engine;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.executors.sim.SimSeed;
import io.strata.executors.sim.SimulatedCluster;
import io.strata.reconciler.config.StrataConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated cluster behind nodes whose connection type is {@code simulated}: persistent under
 * {@code simulation.stateDir} (shared by every strata process), in memory otherwise. Seeded from
 * {@code simulation.nodes}.
 */
public final class Simulation {
  /**
   * Test hook, not configuration: {@code -Dstrata.sim.haltAfterMutations=N} makes this process halt
   * right after the N-th state-changing command on the simulated cluster (a SIGKILL at a chosen
   * point, for the crash-point tests).
   */
  public static final String HALT_AFTER = "strata.sim.haltAfterMutations";

  private final SimulatedCluster cluster;

  private Simulation(SimulatedCluster cluster) {
    this.cluster = cluster;
  }

  static Simulation open(StrataConfig config) {
    StrataConfig.Simulation s = config.simulation();
    Map<String, SimSeed> seeds = new TreeMap<>();
    s.nodes()
        .forEach(
            (node, n) ->
                seeds.put(
                    node, new SimSeed(n.volumeGroups(), n.thinPools(), n.zpools(), n.drbd())));
    SimulatedCluster c =
        s.stateDir() == null
            ? SimulatedCluster.inMemory(seeds)
            : SimulatedCluster.persistent(s.stateDir(), seeds);
    c.setLatency(s.latency() == null ? Duration.ZERO : s.latency());
    c.setSyncRate(s.syncRate());
    Integer halt = Integer.getInteger(HALT_AFTER);
    if (halt != null) {
      c.faults().haltAfterMutations(halt);
    }
    return new Simulation(c);
  }

  /** The output of a raw command run by hand. */
  public record RawResult(int exitCode, String stdout, String stderr) {}

  Host host(String node) {
    return cluster.host(node);
  }

  void authorizeDestruction(String node, String devicePath) {
    cluster.authorizeDestruction(node, devicePath);
  }

  /** Runs one raw command on a simulated node, as an administrator would by hand. */
  public RawResult run(String node, List<String> argv) {
    Result r = cluster.host(node).run(argv, new byte[0], Duration.ofMinutes(1));
    return new RawResult(r.exitCode(), r.out(), r.err());
  }

  /** Data-loss events recorded by the ledger, one line each. */
  public List<String> dataLoss() {
    return cluster.dataLossEvents().stream().map(Object::toString).toList();
  }

  public SimulatedCluster cluster() {
    return cluster;
  }
}
