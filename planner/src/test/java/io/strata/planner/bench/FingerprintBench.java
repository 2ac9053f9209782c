package io.strata.planner.bench;

import io.strata.planner.fingerprint.Fingerprint;
import io.strata.planner.json.JsonText;
import io.strata.planner.json.ObservedJson;
import io.strata.planner.observed.ObservedState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * How long the canonical JSON and fingerprint of a large observation take (not part of the test
 * run): {@code java -cp … io.strata.planner.bench.FingerprintBench status/observed.json}, e.g. the
 * {@code observed.json} of a {@code bench/run --keep} status branch.
 */
public final class FingerprintBench {
  private FingerprintBench() {}

  public static void main(String[] args) throws Exception {
    ObservedState state = ObservedJson.read(Files.readString(Path.of(args[0])));
    for (int round = 0; round < 5; round++) {
      time("tree", () -> ObservedJson.tree(state));
      time("tree+pretty", () -> JsonText.pretty(ObservedJson.tree(state)));
      time("fingerprint", () -> Fingerprint.of(state));
      time("canonical", () -> Fingerprint.canonical(state));
    }
    // the daemon's case: the next observation holds the same node objects but one
    Fingerprint.Pieces pieces = new Fingerprint.Pieces();
    time("pieces, first", () -> pieces.canonical(state));
    for (int round = 0; round < 5; round++) {
      java.util.Map<String, io.strata.planner.observed.NodeState> nodes =
          new java.util.TreeMap<>(state.nodes());
      String one = nodes.keySet().iterator().next();
      nodes.put(one, ObservedJson.read(ObservedJson.write(state)).nodes().get(one));
      ObservedState next = ObservedState.of(nodes, state.unreachable());
      time("pieces, one new", () -> pieces.canonical(next));
    }
  }

  private static <T> T time(String what, Supplier<T> f) {
    long t0 = System.nanoTime();
    T r = f.get();
    System.out.printf("%-14s %6d ms%n", what, (System.nanoTime() - t0) / 1_000_000);
    return r;
  }
}
