package io.strata.executors.luks;

import io.strata.executors.layer.ObservationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code dmsetup ls|table --target crypt} and {@code cryptsetup status} (cryptsetup 2.6).
 */
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

  /**
   * One crypt mapping of {@code dmsetup table --target crypt}: its decrypted size in bytes (the sum
   * of its targets' lengths) and its backing device as {@code major:minor}, or null when its
   * targets name more than one (a LUKS2 reencryption in progress).
   */
  public record Table(String name, long sizeBytes, String backing) {}

  /**
   * {@code dmsetup table --target crypt}: lines {@code name: start length crypt cipher key
   * iv_offset major:minor offset [options]}, one per target; "No devices found" = none.
   */
  public static List<Table> table(String out) {
    Map<String, Table> found = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("No devices found")) {
        continue;
      }
      int colon = l.indexOf(": ");
      String[] f = colon < 0 ? new String[0] : l.substring(colon + 2).strip().split("\\s+");
      if (colon <= 0 || f.length < 8 || !f[2].equals("crypt") || !f[6].matches("\\d+:\\d+")) {
        throw new ObservationException(
            "dmsetup table: '" + line + "' is not a crypt target line (another dmsetup version?)");
      }
      String name = l.substring(0, colon);
      long sectors = number("dmsetup table", "length", f[1]);
      Table t = found.get(name);
      found.put(
          name,
          t == null
              ? new Table(name, sectors * 512, f[6])
              : new Table(
                  name,
                  t.sizeBytes() + sectors * 512,
                  f[6].equals(t.backing()) ? t.backing() : null));
    }
    return List.copyOf(found.values());
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
        sectors = number("cryptsetup status", "size", v);
      }
    }
    if (device == null || device.isBlank() || sectors < 0) {
      throw new ObservationException(
          "cryptsetup status: no device or size line in its answer (another cryptsetup version?)");
    }
    return new Status(device, sectors * 512);
  }

  /**
   * What {@code cryptsetup luksDump <dev>} says about a header: version, UUID, label and subsystem
   * (null when "(no label)" / "(no subsystem)"), and the data offset of segment 0 in bytes.
   */
  public record Header(int version, String uuid, String label, String subsystem, long dataOffset) {}

  public static Header luksDump(String out) {
    int version = 0;
    String uuid = null;
    String label = null;
    String subsystem = null;
    long offset = -1;
    for (String line : out.split("\n")) {
      String l = line.strip();
      int colon = l.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = l.substring(0, colon).strip();
      String value = l.substring(colon + 1).strip();
      switch (key) {
        case "Version" -> version = (int) number("cryptsetup luksDump", "Version", value);
        case "UUID" -> uuid = value;
        case "Label" -> label = value.equals("(no label)") ? null : value;
        case "Subsystem" -> subsystem = value.equals("(no subsystem)") ? null : value;
        case "offset" ->
            offset =
                offset >= 0
                    ? offset
                    : number("cryptsetup luksDump", "offset", value.split("\\s+")[0]);
        default -> {}
      }
    }
    if (version == 0) {
      throw new ObservationException("cryptsetup luksDump: not a luksDump: no 'Version:' line");
    }
    return new Header(version, uuid, label, subsystem, offset);
  }

  /** A non-negative number of the tool's answer; anything else is refused (issue 12 fuzzing). */
  private static long number(String tool, String field, String v) {
    try {
      long n = Long.parseLong(v);
      if (n >= 0 && n <= Long.MAX_VALUE / 512) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new ObservationException(
        tool + ": " + field + " is '" + v + "', not a count (another cryptsetup version?)");
  }
}
