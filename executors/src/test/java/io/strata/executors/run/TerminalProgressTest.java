package io.strata.executors.run;

import static io.strata.executors.run.Changes.change;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.layer.ApplyOutcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {
  private static String run(boolean interactive) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    RecordingApplier applier =
        new RecordingApplier(0)
            .script("a", () -> ApplyOutcome.transientFailure("busy"))
            .script("b", () -> ApplyOutcome.terminal("no space"));
    new PlanRunner(
            applier,
            PlanRunner.Options.DEFAULT.withParallelism(1, 1),
            new TerminalProgress(out, interactive),
            d -> {},
            new SplittableRandom(1),
            new FakeClock()::next)
        .run(List.of(change("a", "n"), change("b", "n"), change("c", "n", "b")));
    return buf.toString(StandardCharsets.UTF_8);
  }

  /** Every reading advances 1 ms, so durations are deterministic. */
  static final class FakeClock {
    private long now;

    synchronized long next() {
      now += Duration.ofMillis(1).toNanos();
      return now;
    }
  }

  @Test
  void logOutputHasOneLinePerProblemAndASummary() {
    String out = run(false);
    String[] lines = out.split("\n");
    assertTrue(lines[0].startsWith("retrying a after attempt 1 in "), out);
    assertTrue(lines[0].endsWith("ms: busy"), out);
    assertEquals("failed b: no space", lines[1]);
    assertEquals("skipped c: skipped: depends on b which failed: no space", lines[2]);
    assertTrue(lines[3].startsWith("3 changes: 1 succeeded, 1 failed, 1 skipped in "), out);
    assertEquals(4, lines.length, out);
    assertTrue(!out.contains("\r"));
  }

  @Test
  void consoleOutputRedrawsOneLine() {
    String out = run(true);
    assertTrue(out.startsWith("\rapplying 1/3 a"), out);
    assertTrue(out.contains("\rapplying 2/3 (1 failed, 0 skipped) b"), out);
    assertTrue(out.contains("\rapplying 3/3 (1 failed, 1 skipped) c"), out);
    // the progress line is blanked before the summary is printed
    String last = "applying 3/3 (1 failed, 1 skipped) c";
    assertTrue(out.contains("\r" + " ".repeat(last.length()) + "\r3 changes: 1 succeeded"), out);
  }

  /** The runner hands the scope's reports to the progress of the change that is running. */
  private static void copy(Progress progress) {
    new PlanRunner(
            c -> {
              CopyProgressScope.current().accept(new CopyProgress(1L << 30, 4L << 30, 5, 215e6));
              return ApplyOutcome.ok("copied");
            },
            PlanRunner.Options.DEFAULT.withParallelism(1, 1),
            progress,
            d -> {},
            new SplittableRandom(1),
            new FakeClock()::next)
        .run(List.of(change("a", "alpha"), change("b", "alpha", "a")));
  }

  @Test
  void aCopyShowsItsProgressOnALineOfItsOwn() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    copy(new LineProgress(new PrintStream(buf, true, StandardCharsets.UTF_8)));
    String line = "copy v on alpha: 1.0 GiB of 4.0 GiB (25 %), 215 MB/s, ETA 15 s";
    List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(List.of(line, "[1/2] succeeded a", line, "[2/2] succeeded b"), lines);

    ByteArrayOutputStream term = new ByteArrayOutputStream();
    copy(new TerminalProgress(new PrintStream(term, true, StandardCharsets.UTF_8), true));
    String out = term.toString(StandardCharsets.UTF_8);
    // the redrawn "applying 1/2 a" is wiped before the copy line, then drawn again after it
    String wiped = "\rapplying 1/2 a\r" + " ".repeat("applying 1/2 a".length()) + "\r";
    assertTrue(out.contains(wiped + line + "\n\rapplying 2/2 b"), out);
  }
}
