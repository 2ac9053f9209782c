package io.strata.executors.luks;

import java.util.ArrayList;
import java.util.List;

/** Parses {@code dmsetup ls --target crypt} and {@code cryptsetup status} (cryptsetup 2.6). */
public final class LuksParser {
  private LuksParser() {}

  /**
   * Mapping names from {@code dmsetup ls}: {@code name\t(254:3)} lines; "No devices found" = none.
   */
  public static List<String> mappings(String out) {
    List<String> names = new ArrayList<>();
    for (String line : out.split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("No devices found")) {
        continue;
      }
      names.add(l.split("\\s+")[0]);
    }
    return names;
  }

  /** An active mapping: its backing device and decrypted size in bytes. */
  public record Status(String device, long sizeBytes) {}

  /**
   * {@code cryptsetup status}: the {@code device:} line, and {@code size: N sectors} (512-byte
   * sectors whatever the encryption sector size).
   */
  public static Status status(String out) {
    String device = null;
    long sectors = -1;
    for (String line : out.split("\n")) {
      String l = line.strip();
      if (l.startsWith("device:")) {
        device = l.substring("device:".length()).strip();
      } else if (l.startsWith("size:")) {
        String v = l.substring("size:".length()).strip().split("\\s+")[0];
        sectors = Long.parseLong(v);
      }
    }
    if (device == null || sectors < 0) {
      throw new IllegalArgumentException("cryptsetup status: no device or size line in: " + out);
    }
    return new Status(device, sectors * 512);
  }
}
