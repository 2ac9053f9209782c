package io.strata.executors.run;

import io.strata.planner.plan.Change;
import java.util.Locale;

/**
 * How far a block copy has come: {@code bytes} of {@code totalBytes} (0 when unknown) after {@code
 * seconds}, at {@code bytesPerSecond} (0 when unknown) as the copying tool reports it.
 */
public record CopyProgress(long bytes, long totalBytes, double seconds, double bytesPerSecond) {
  /**
   * {@code copy v-clone on alpha: 1.0 GiB of 4.0 GiB (25 %), …}: the line apply and the log show.
   */
  public static String line(Change change, CopyProgress p) {
    return "copy " + change.volume() + " on " + change.node() + ": " + p.describe();
  }

  /** {@code 1.0 GiB of 4.0 GiB (25 %), 215 MB/s, ETA 14 s}; parts that are unknown are left out. */
  public String describe() {
    StringBuilder s = new StringBuilder(binary(bytes));
    if (totalBytes > 0) {
      long pct = Math.min(100, bytes * 100 / totalBytes);
      s.append(" of ").append(binary(totalBytes)).append(" (").append(pct).append(" %)");
    }
    if (bytesPerSecond > 0) {
      s.append(", ").append(decimal(bytesPerSecond)).append("/s");
      if (totalBytes > bytes) {
        long eta = (long) Math.ceil((totalBytes - bytes) / bytesPerSecond);
        s.append(", ETA ").append(eta).append(" s");
      }
    }
    return s.toString();
  }

  /** As dd shows sizes: 1024-based with one decimal, {@code 1.0 GiB}. */
  static String binary(long b) {
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    if (b < 1024) {
      return b + " B";
    }
    double v = b;
    int i = -1;
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
  }

  /** As dd shows rates: 1000-based, {@code 215 MB}. */
  static String decimal(double b) {
    String[] units = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
    int i = 0;
    while (b >= 1000 && i < units.length - 1) {
      b /= 1000;
      i++;
    }
    return String.format(Locale.ROOT, b < 10 && i > 0 ? "%.1f %s" : "%.0f %s", b, units[i]);
  }
}
