package io.strata.reconciler.cli;

import static io.strata.reconciler.cli.CliContractTest.strata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.reconciler.cli.CliContractTest.Run;
import io.strata.reconciler.engine.Cluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: {@code strata apply} of a thick clone on the simulated cluster shows the block copy's
 * progress on stderr, from the simulated dd's {@code status=progress} lines, and nothing of it on
 * stdout.
 */
class CopyProgressCliTest {
  @TempDir Path tmp;

  private static final String CONFIG =
      """
      git: {url: ., path: manifests}
      secrets: {clusterKeyRef: file:cluster.key}
      simulation:
        stateDir: sim
        nodes:
          alpha: {volumeGroups: {vg0: 100GiB}, thinPools: {vg0/thin: 80GiB}, zpools: {tank: 200GiB}}
          beta: {volumeGroups: {vg0: 100GiB}, thinPools: {vg0/thin: 80GiB}, zpools: {tank: 200GiB}}
          gamma: {volumeGroups: {vg0: 100GiB}, thinPools: {vg0/thin: 80GiB}, zpools: {tank: 200GiB}}
      """;

  private static final String VOLUMES =
      """
      ---
      apiVersion: strata.io/v1
      kind: ResourceTemplate
      metadata: {name: plain}
      spec: {layers: [storage], placement: {redundancy: 1}}
      ---
      apiVersion: strata.io/v1
      kind: Volume
      metadata: {name: pg}
      spec:
        size: 4 GiB
        template: plain
        deletionPolicy: Delete
        placement: {nodes: [alpha], pools: [thick]}
      """;

  private static final String CLONE =
      """
      ---
      apiVersion: strata.io/v1
      kind: Volume
      metadata: {name: pg-copy}
      spec:
        size: 4 GiB
        template: plain
        deletionPolicy: Delete
        source: {volume: pg}
        placement: {nodes: [alpha], pools: [thick]}
      """;

  /** {@code copy pg-copy on alpha: 1.0 GiB of 4.0 GiB (25 %), 200 MB/s, ETA 16 s}. */
  private static final Pattern PROGRESS =
      Pattern.compile(
          "copy pg-copy on alpha: [0-9.]+ [KMGT]iB of 4\\.0 GiB \\([0-9]+ %\\), [0-9.]+ MB/s, ETA"
              + " [0-9]+ s");

  /** {@code strata apply} with what it writes to System.err (where apply's progress goes). */
  private record Applied(Run run, String systemErr) {}

  private Applied apply(Path config) {
    PrintStream saved = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Run r = strata("apply", "--config", config.toString(), "--auto-approve");
      return new Applied(r, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(saved);
    }
  }

  @Test
  void aThickCloneShowsItsCopyOnStderrAndStdoutStaysClean() throws IOException {
    Path manifests = Files.createDirectories(tmp.resolve("manifests"));
    Path config = Files.writeString(tmp.resolve("strata.yaml"), CONFIG);
    Files.writeString(manifests.resolve("cluster.yaml"), Cluster.NODES_AND_POOLS);
    Files.writeString(manifests.resolve("v.yaml"), VOLUMES);
    Applied first = apply(config);
    assertEquals(0, first.run().code(), first.run().out() + first.run().err() + first.systemErr());
    assertFalse(first.systemErr().contains("copy "), "no copy yet: " + first.systemErr());

    Files.writeString(manifests.resolve("v.yaml"), VOLUMES + CLONE);
    Applied clone = apply(config);
    String all = clone.run().out() + clone.run().err() + clone.systemErr();
    assertEquals(0, clone.run().code(), all);
    List<String> lines = clone.systemErr().lines().filter(l -> l.startsWith("copy ")).toList();
    assertFalse(lines.isEmpty(), "a progress line on stderr: " + clone.systemErr());
    assertTrue(lines.stream().allMatch(l -> PROGRESS.matcher(l).matches()), lines.toString());
    assertFalse(clone.run().out().contains("copy pg-copy"), "stdout is the product only: " + all);
    assertFalse(clone.run().out().contains("MB/s"), clone.run().out());
  }
}
