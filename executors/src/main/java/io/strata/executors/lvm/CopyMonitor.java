package io.strata.executors.lvm;

import io.strata.executors.host.OutputListener;
import io.strata.executors.run.CopyProgress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Watches a running {@code dd}'s stderr and reports its progress to {@code sink}: the first sample,
 * then at most one per {@code interval}, so a copy that runs for an hour reports every few seconds
 * and not every second. Called from the thread that reads the stream.
 */
public final class CopyMonitor implements OutputListener {
  /** How often a copy reports at most. */
  public static final Duration INTERVAL = Duration.ofSeconds(5);

  private final DdProgressParser parser = new DdProgressParser();
  private final long totalBytes;
  private final Consumer<CopyProgress> sink;
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private boolean reported;
  private long lastReport;

  public CopyMonitor(long totalBytes, Consumer<CopyProgress> sink) {
    this(totalBytes, sink, INTERVAL, System::nanoTime);
  }

  CopyMonitor(
      long totalBytes, Consumer<CopyProgress> sink, Duration interval, LongSupplier nanoTime) {
    this.totalBytes = totalBytes;
    this.sink = sink;
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
  }

  @Override
  public synchronized void chunk(byte[] bytes, int off, int len) {
    // ISO-8859-1 maps every byte to one char: a chunk split inside anything stays aligned
    for (DdProgressParser.Sample s :
        parser.feed(new String(bytes, off, len, StandardCharsets.ISO_8859_1))) {
      long now = nanoTime.getAsLong();
      if (!reported || now - lastReport >= intervalNanos) {
        reported = true;
        lastReport = now;
        sink.accept(new CopyProgress(s.bytes(), totalBytes, s.seconds(), s.bytesPerSecond()));
      }
    }
  }
}
