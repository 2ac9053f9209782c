package io.strata.executors.layer;

import io.strata.executors.host.Result;
import java.util.Map;
import java.util.TreeMap;

/**
 * The "holds data?" probe before anything that formats (luksFormat, create-md): {@code blkid -p -o
 * export <dev>} bypasses the cache; rc 2 with no output means no signature at all (cookbook §3.5).
 */
public final class Blkid {
  private Blkid() {}

  public static Command command(String device) {
    return Command.of("blkid", "-p", "-o", "export", device);
  }

  /**
   * The probe's answer: {@code empty} (rc 2), the signature's {@code KEY=VALUE} pairs (rc 0), or
   * {@code failed} for anything else (device missing, I/O error).
   */
  public record Content(boolean empty, boolean failed, Map<String, String> tags) {
    public String type() {
      return tags.getOrDefault("TYPE", "");
    }

    public String describe() {
      return empty ? "empty" : failed ? "unreadable" : tags.toString();
    }
  }

  public static Content parse(Result r) {
    if (r.exitCode() == 2 && r.out().isBlank() && !r.timedOut()) {
      return new Content(true, false, Map.of());
    }
    if (!r.success()) {
      return new Content(false, true, Map.of());
    }
    Map<String, String> tags = new TreeMap<>();
    for (String line : r.out().split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        tags.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    // rc 0 without a TYPE line is not "empty": when in doubt, the device may hold data
    return new Content(false, tags.isEmpty(), Map.copyOf(tags));
  }
}
