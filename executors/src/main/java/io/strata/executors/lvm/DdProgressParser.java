package io.strata.executors.lvm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads GNU dd's {@code status=progress} output as it arrives: lines ended by {@code \r} (redrawn
 * on a terminal) or {@code \n} (the final summary), in chunks split anywhere. A line that is not a
 * progress line (records in/out, an error, something garbled) is skipped, never an error. Not
 * thread-safe: one parser per command, fed from the thread reading its stderr.
 */
public final class DdProgressParser {
  /**
   * {@code 1073741824 bytes (1.1 GB, 1.0 GiB) copied, 5 s, 215 MB/s} (coreutils 8.24 and later).
   */
  private static final Pattern LINE =
      Pattern.compile(
          "^(\\d{1,19}) bytes(?: \\([^)]*\\))? copied, ([0-9]+(?:\\.[0-9]+)?) s,"
              + " ([0-9]+(?:\\.[0-9]+)?) ([kMGTPEZY]?)B/s\\s*$");

  /** A line longer than this is garbage (a real one is under 100 characters): it is dropped. */
  static final int MAX_LINE = 512;

  /** One progress line: {@code bytes} copied after {@code seconds}, at {@code bytesPerSecond}. */
  public record Sample(long bytes, double seconds, double bytesPerSecond) {}

  private final StringBuilder pending = new StringBuilder();
  private boolean overlong;

  /** The samples completed by {@code chunk} (dd's output is ASCII, so any split is safe). */
  public List<Sample> feed(String chunk) {
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < chunk.length(); i++) {
      char c = chunk.charAt(i);
      if (c == '\r' || c == '\n') {
        if (!overlong) {
          parse(pending.toString()).ifPresent(out::add);
        }
        pending.setLength(0);
        overlong = false;
      } else if (pending.length() < MAX_LINE) {
        pending.append(c);
      } else {
        overlong = true;
      }
    }
    return out;
  }

  /** One line without its terminator, or empty when it is no progress line. */
  public static Optional<Sample> parse(String line) {
    Matcher m = LINE.matcher(line.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      long bytes = Long.parseLong(m.group(1));
      double seconds = Double.parseDouble(m.group(2));
      double rate = Double.parseDouble(m.group(3)) * unit(m.group(4));
      return Optional.of(new Sample(bytes, seconds, rate));
    } catch (NumberFormatException e) {
      return Optional.empty(); // more digits than a long holds
    }
  }

  /** dd's rates are decimal: kB = 1000 B. */
  private static double unit(String prefix) {
    return prefix.isEmpty() ? 1 : Math.pow(1000, "kMGTPEZY".indexOf(prefix) + 1);
  }
}
