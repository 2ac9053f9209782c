package io.strata.executors.lvm;

import static io.strata.executors.layer.FakeHost.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.lvm.DdProgressParser.Sample;
import io.strata.executors.run.CopyProgress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DdProgressParserTest {
  /** GNU dd 9.1's stderr, captured on the build host (fixtures/SOURCE.md). */
  private static final String REAL = fixture("captured/dd-status-progress.err");

  private static final List<Sample> EXPECTED =
      List.of(
          new Sample(349175808L, 1, 347e6),
          new Sample(704643072L, 2, 352e6),
          new Sample(1071644672L, 3, 357e6),
          new Sample(1437597696L, 4, 359e6),
          new Sample(1572864000L, 4.3664, 360e6));

  @Test
  void readsEveryProgressLineAndTheSummaryOfARealDd() {
    assertEquals(EXPECTED, new DdProgressParser().feed(REAL));
  }

  @Test
  void chunksSplitAnywhereGiveTheSameSamples() {
    Random random = new Random(15);
    for (int round = 0; round < 200; round++) {
      DdProgressParser p = new DdProgressParser();
      List<Sample> got = new ArrayList<>();
      int i = 0;
      while (i < REAL.length()) {
        int n = Math.min(REAL.length() - i, 1 + random.nextInt(40));
        got.addAll(p.feed(REAL.substring(i, i + n)));
        i += n;
      }
      assertEquals(EXPECTED, got, "round " + round);
    }
  }

  @Test
  void garbledLinesAreSkipped() {
    DdProgressParser p = new DdProgressParser();
    String garbage =
        "dd: error reading '/dev/x': Input/output error\r"
            + "12 bytes copied, s, 3 MB/s\r"
            + "99999999999999999999999 bytes copied, 1 s, 1 MB/s\r"
            + "1x bytes (1 kB) copied, 1 s, 1 kB/s\r"
            + "\u0000\u00ff\r\n\r"
            + "7".repeat(10_000)
            + " bytes copied, 1 s, 1 kB/s\r"
            + "512 bytes copied, 0.5 s, 1.0 kB/s\n";
    assertEquals(List.of(new Sample(512, 0.5, 1000)), p.feed(garbage));
  }

  @Test
  void aLineWithoutItsEndWaitsForTheNextChunk() {
    DdProgressParser p = new DdProgressParser();
    assertEquals(List.of(), p.feed("1073741824 bytes (1.1 GB, 1.0 GiB) copied, 5 s, 215 MB/s"));
    assertEquals(List.of(new Sample(1073741824L, 5, 215e6)), p.feed("\r"));
  }

  @Test
  void theMonitorReportsTheFirstSampleThenAtMostOnePerInterval() {
    AtomicLong now = new AtomicLong();
    List<CopyProgress> seen = new ArrayList<>();
    CopyMonitor m = new CopyMonitor(4L << 30, seen::add, Duration.ofSeconds(5), now::get);
    byte[] all = REAL.getBytes(StandardCharsets.ISO_8859_1);
    int line = REAL.indexOf('\r', 1) + 1; // first progress line, with its \r
    m.chunk(all, 0, line);
    now.set(Duration.ofSeconds(3).toNanos());
    int second = REAL.indexOf('\r', line) + 1;
    m.chunk(all, line, second - line);
    now.set(Duration.ofSeconds(6).toNanos());
    m.chunk(all, second, all.length - second);
    assertEquals(List.of(349175808L, 1071644672L), seen.stream().map(CopyProgress::bytes).toList());
    assertEquals("333.0 MiB of 4.0 GiB (8 %), 347 MB/s, ETA 12 s", seen.get(0).describe());
    assertTrue(seen.stream().allMatch(s -> s.totalBytes() == 4L << 30));
  }
}
