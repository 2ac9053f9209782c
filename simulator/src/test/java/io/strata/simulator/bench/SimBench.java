package io.strata.simulator.bench;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.simulator.SimulatedCluster;
import io.strata.simulator.state.SimSeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Throughput of the simulated cluster (not a test; run by hand):
 *
 * <pre>
 * mvn -B -q -pl simulator -am test-compile
 * mvn -B -q -o -pl simulator dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp "simulator/target/test-classes:simulator/target/classes:$(cat simulator/cp.txt)" \
 *   io.strata.simulator.bench.SimBench [nodes] [persistent]
 * </pre>
 *
 * Per node: create an LV, write a two-node DRBD resource, create-md, adjust; then one observe round
 * (lvs JSON + drbdsetup status JSON) on every node.
 */
public final class SimBench {
  private SimBench() {}

  public static void main(String[] args) throws Exception {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    boolean persistent = args.length > 1 && args[1].equals("persistent");
    Map<String, SimSeed> seeds = new TreeMap<>();
    for (int i = 0; i < nodes; i++) {
      seeds.put(String.format("n%05d", i), SimSeed.standard());
    }
    SimulatedCluster c =
        persistent
            ? SimulatedCluster.persistent(Files.createTempDirectory("simbench"), seeds)
            : SimulatedCluster.inMemory(seeds);
    long t0 = System.nanoTime();
    int cmds = 0;
    for (int i = 0; i < nodes; i += 2) {
      String a = String.format("n%05d", i);
      String b = String.format("n%05d", i + 1);
      String res = "r" + i;
      String conf =
          "resource "
              + res
              + " {\n on "
              + a
              + " { address ipv4 10.0."
              + (i / 250)
              + "."
              + (i % 250)
              + ":7000; volume 0 { disk /dev/vg0/"
              + res
              + "; meta-disk internal; device minor 1000; } node-id 0; }\n on "
              + b
              + " { address ipv4 10.1."
              + (i / 250)
              + "."
              + (i % 250)
              + ":7000; volume 0 { disk /dev/vg0/"
              + res
              + "; meta-disk internal; device minor 1000; } node-id 1; }\n connection-mesh { hosts "
              + a
              + " "
              + b
              + "; }\n}\n";
      for (String n : List.of(a, b)) {
        Host h = c.host(n);
        check(h.run(List.of("lvcreate", "--size", "1g", "-n", res, "-y", "vg0")));
        h.writeFile(Path.of("/etc/drbd.d/" + res + ".res"), conf.getBytes(), 0644);
        check(h.run(List.of("drbdadm", "--max-peers", "1", "--", "--force", "create-md", res)));
        check(h.run(List.of("drbdadm", "adjust", res)));
        cmds += 4;
      }
    }
    long t1 = System.nanoTime();
    for (int i = 0; i < nodes; i++) {
      Host h = c.host(String.format("n%05d", i));
      check(
          h.run(
              List.of(
                  "lvs",
                  "--reportformat",
                  "json",
                  "--units",
                  "b",
                  "--nosuffix",
                  "-o",
                  "lv_name,lv_size",
                  "vg0")));
      check(h.run(List.of("drbdsetup", "status", "--json")));
      cmds += 2;
    }
    long t2 = System.nanoTime();
    System.out.printf(
        "nodes=%d persistent=%s setup=%.1f ms observe=%.1f ms total ops=%d (%.0f ops/s)%n",
        nodes, persistent, (t1 - t0) / 1e6, (t2 - t1) / 1e6, cmds, cmds / ((t2 - t0) / 1e9));
  }

  private static void check(Result r) {
    if (!r.success()) {
      throw new IllegalStateException(r.argv() + " failed: " + r.err());
    }
  }
}
