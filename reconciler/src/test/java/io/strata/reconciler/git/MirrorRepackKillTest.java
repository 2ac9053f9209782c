package io.strata.reconciler.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.reconciler.config.ConfigLoader;
import io.strata.reconciler.config.StrataConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decision 031: a process SIGKILLed at a random moment while it repacks the mirror leaves one the
 * next process opens, fetches into and reads every commit from. {@code -Dstrata.mirror.kills=N}
 * kills (default 4) and {@code -Dstrata.mirror.seed=S} repeat a run.
 */
@Tag("faults")
class MirrorRepackKillTest {
  private static final int KILLS = Integer.getInteger("strata.mirror.kills", 4);
  private static final long SEED = Long.getLong("strata.mirror.seed", System.nanoTime());

  @TempDir Path tmp;

  @Test
  void aRepackKilledAtARandomMomentLeavesAMirrorThatFetchesAndReadsEveryCommit() throws Exception {
    Random random = new Random(SEED);
    GitCli cli = GitCli.create(tmp);
    StrataConfig cfg =
        ConfigLoader.parse("strata.yaml", "git:\n  url: remote.git\n  branch: main\n", tmp);
    Path state = tmp.resolve("state");
    List<String> commits = new ArrayList<>();
    for (int kill = 0; kill < KILLS; kill++) {
      commits.add(cli.commitAndPush("step " + kill, "v" + kill + ".yaml", "n: " + kill));
      try (GitSource src = GitSource.open(cfg, state, new SecretReader(tmp, Map.of()))) {
        assertEquals(new FetchResult.Fetched(commits.get(kill)), src.fetch(), "seed " + SEED);
        for (int i = 0; i < commits.size(); i++) {
          assertEquals(i + 1, src.manifests(commits.get(i)).size(), "seed " + SEED);
        }
      }
      int ms = random.nextInt(400);
      killDuringRepack(state, ms, random.nextInt(3));
      System.out.printf(
          "kill %d (seed %d), %d ms into the repacks, left %s%n", kill, SEED, ms, leftovers(state));
    }
    try (GitSource src = GitSource.open(cfg, state, new SecretReader(tmp, Map.of()))) {
      String last = cli.commitAndPush("last", "last.yaml", "n: last");
      assertEquals(new FetchResult.Fetched(last), src.fetch(), "seed " + SEED);
      for (int i = 0; i < commits.size(); i++) {
        assertEquals(i + 1, src.manifests(commits.get(i)).size(), "seed " + SEED);
      }
    }
    assertEquals(List.of(), leftovers(state), "removed under the mirror lock (seed " + SEED + ")");
  }

  /** What a killed repack left in the mirror besides packs with their indexes. */
  private static List<String> leftovers(Path state) throws Exception {
    Path mirror = state.resolve("mirror.git");
    List<String> names;
    try (Stream<Path> all = Files.list(mirror.resolve("objects/pack"))) {
      names = all.map(p -> p.getFileName().toString()).sorted().toList();
    }
    List<String> out = new ArrayList<>();
    for (String n : names) {
      String base = n.contains(".") ? n.substring(0, n.lastIndexOf('.')) : n;
      if (!names.contains(base + ".pack") || !names.contains(base + ".idx")) {
        out.add(n);
      }
    }
    for (String f : List.of("gc.pid", "packed-refs.lock")) {
      if (Files.exists(mirror.resolve(f))) {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * Starts a {@link RepackLoop}, waits for {@code rounds} repacks, then kills it after {@code ms}.
   */
  private static void killDuringRepack(Path state, int ms, int rounds) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-XX:TieredStopAtLevel=1",
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                RepackLoop.class.getName(),
                state.toString())
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
      for (int seen = 0; seen <= rounds; ) {
        String line = out.readLine();
        assertTrue(line != null, "the repack loop ended (seed " + SEED + ")");
        seen += line.startsWith("repacked ") ? 1 : 0;
      }
      // a kill at a random moment of the following rounds (each a few milliseconds to ~100 ms)
      p.waitFor(ms, TimeUnit.MILLISECONDS);
      assertTrue(p.isAlive(), "the repack loop ended (seed " + SEED + ")");
      p.destroyForcibly().waitFor();
    }
  }
}
