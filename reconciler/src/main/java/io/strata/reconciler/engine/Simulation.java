package io.strata.reconciler.engine;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.reconciler.config.StrataConfig;
import io.strata.simulator.SimulatedCluster;
import io.strata.simulator.state.SimSeed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The simulated cluster behind nodes whose connection type is {@code simulated}: persistent under
 * {@code simulation.stateDir} (default {@code .strata/sim} beside strata.yaml, shared by every
 * strata process), in memory with {@code stateDir: memory}. Missing nodes are seeded from {@code
 * simulation.nodes}; see docs/decisions/008.
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

  /**
   * Opens the configured cluster. {@code readOnly} ({@code strata plan}) writes no state; unless
   * {@code forReset}, a node whose configured capacity changed since it was seeded is refused.
   */
  static Simulation open(StrataConfig config, boolean readOnly, boolean forReset) {
    StrataConfig.Simulation s = config.simulation();
    Map<String, SimSeed> seeds = new TreeMap<>();
    s.nodes()
        .forEach(
            (node, n) ->
                seeds.put(
                    node, new SimSeed(n.volumeGroups(), n.thinPools(), n.zpools(), n.drbd())));
    SimulatedCluster c;
    if (s.stateDir() == null) {
      c = SimulatedCluster.inMemory(seeds);
    } else if (readOnly) {
      c = SimulatedCluster.readOnly(s.stateDir(), seeds);
    } else {
      c = SimulatedCluster.persistent(s.stateDir(), seeds);
    }
    if (!forReset) {
      refuseChangedSeeds(c, s.stateDir());
    }
    c.setLatency(s.latency() == null ? Duration.ZERO : s.latency());
    c.setSyncRate(s.syncRate());
    Integer halt = Integer.getInteger(HALT_AFTER);
    if (halt != null) {
      c.faults().haltAfterMutations(halt);
    }
    return new Simulation(c);
  }

  private static void refuseChangedSeeds(SimulatedCluster c, Path stateDir) {
    List<String> conflicts = c.seedConflicts();
    if (conflicts.isEmpty()) {
      return;
    }
    String node = conflicts.get(0).substring(0, conflicts.get(0).indexOf(':'));
    throw new UserError(
        "simulation.nodes changed the capacity of existing simulated node(s) in "
            + stateDir
            + " — a simulated disk cannot change size under its volumes: "
            + String.join("; ", conflicts)
            + ". Restore the old sizes in strata.yaml, or re-seed with strata sim reset --node "
            + node
            + " (that node's volumes are lost; strata apply re-creates and resyncs them)");
  }

  /**
   * Forgets {@code node} (or, with null, the whole cluster and its ledger); the nodes forgotten.
   */
  public Set<String> reset(String node) {
    return cluster.reset(node);
  }

  /**
   * Reboots a simulated node: LVs inactive, LUKS mappings closed, DRBD down, NVMe exports and
   * connections gone; what is on disk stays. Returns what went down, one line.
   */
  public String reboot(String node) {
    if (!cluster.nodes().contains(node)) {
      throw new UserError(
          "no simulated node '"
              + node
              + "': known nodes are "
              + String.join(", ", cluster.nodes())
              + " (simulation.nodes in strata.yaml, or nodes already used)");
    }
    return cluster.reboot(node);
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

  /** Data-loss events recorded by the ledger, one readable line each. */
  public List<String> dataLoss() {
    return ledger().lines();
  }

  /** The ledger: data-loss events and how many deletions were authorized. */
  public LedgerReport ledger() {
    return LedgerReport.of(cluster.ledger());
  }

  /** Every operation the simulated nodes ran, in order ({@code strata sim log}). */
  public CommandLogReport commandLog() {
    return new CommandLogReport(cluster.commandLog());
  }

  public SimulatedCluster cluster() {
    return cluster;
  }
}
