package io.strata.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Result;
import io.strata.simulator.state.SimSeed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;

/**
 * Random DRBD operations on three nodes (two diskful, one diskless) never break the tools (every
 * answer is an exit code, never an exception) and the views stay consistent: a connection is
 * Connected from both sides or from neither, and the JSON always parses.
 */
class DrbdRandomProperties {
  private static final String[] NODES = {"alpha", "bravo", "gamma"};
  private static final String DISK = "/dev/vg0/r0_00000";

  record Op(int node, int kind) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 14))
        .as(Op::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(40);
  }

  private static String conf() {
    StringBuilder sb = new StringBuilder("resource r0 {\n options { quorum majority; }\n");
    for (int i = 0; i < 3; i++) {
      sb.append(" on ")
          .append(NODES[i])
          .append(" { address ipv4 10.0.0.")
          .append(i + 1)
          .append(":7000; volume 0 { disk ")
          .append(i == 2 ? "none" : DISK)
          .append("; meta-disk internal; device minor 1000; } node-id ")
          .append(i)
          .append("; }\n");
    }
    return sb.append(" connection-mesh { hosts alpha bravo gamma; }\n}\n").toString();
  }

  private static List<String> argv(int kind) {
    return switch (kind) {
      case 0 -> List.of("lvcreate", "-y", "-L", "64m", "-n", "r0_00000", "vg0");
      case 1 -> List.of("drbdadm", "create-md", "r0");
      case 2 -> List.of("drbdadm", "--max-peers", "2", "--", "--force", "create-md", "r0/0");
      case 3, 4 -> List.of("drbdadm", "adjust", "r0");
      case 5 -> List.of("drbdadm", "down", "r0");
      case 6 -> List.of("drbdadm", "primary", "--force", "r0");
      case 7 -> List.of("drbdadm", "secondary", "r0");
      case 8 -> List.of("drbdadm", "new-current-uuid", "--clear-bitmap", "r0/0");
      case 9 -> List.of("lvextend", "-L", "+8m", "vg0/r0_00000");
      case 10 -> List.of("drbdadm", "resize", "r0/0");
      case 11 -> List.of("lvremove", "-y", "vg0/r0_00000");
      case 12 -> List.of("drbdadm", "disconnect", "r0");
      case 13 -> List.of("drbdadm", "connect", "r0");
      default -> List.of("drbdadm", "primary", "r0");
    };
  }

  @Property(tries = 60)
  void randomDrbdOperationsKeepViewsConsistent(
      @ForAll("ops") List<Op> ops, @ForAll boolean slowSync) {
    SimulatedCluster c = SimulatedCluster.inMemory(SimSeed.standardFor(NODES));
    c.setSyncRate(slowSync ? 16L << 20 : 0);
    for (String n : NODES) {
      c.host(n)
          .writeFile(Path.of("/etc/drbd.d/r0.res"), conf().getBytes(StandardCharsets.UTF_8), 0644);
    }
    for (Op op : ops) {
      Result r = c.host(NODES[op.node()]).run(argv(op.kind()));
      assertTrue(r.exitCode() >= 0 && r.exitCode() < 127, r.argv() + " " + r.err());
      c.advanceTime(Duration.ofSeconds(1));
      check(c);
    }
  }

  private static void check(SimulatedCluster c) {
    Map<String, String> seen = new HashMap<>();
    for (String n : NODES) {
      Result r = c.host(n).run(List.of("drbdsetup", "status", "--json"));
      assertEquals(0, r.exitCode(), r.err());
      for (JsonNode res : Sim.json(r.out())) {
        for (JsonNode conn : res.get("connections")) {
          seen.put(n + ">" + conn.get("name").asString(), conn.get("connection-state").asString());
        }
        for (JsonNode d : res.get("devices")) {
          assertTrue(d.get("size").asLong() >= 0);
        }
      }
    }
    seen.forEach(
        (k, state) -> {
          String[] ab = k.split(">");
          if (state.equals("Connected")) {
            assertEquals("Connected", seen.get(ab[1] + ">" + ab[0]), k);
          }
        });
  }
}
