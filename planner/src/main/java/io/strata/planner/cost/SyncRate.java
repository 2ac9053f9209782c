package io.strata.planner.cost;

import io.strata.planner.alloc.DrbdOptionKeys;
import io.strata.schema.model.ResourceTemplate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resync rate a plan's ETA assumes, in bytes/s, and where it comes from. DRBD caps a resync at
 * the template's {@code c-max-rate} (its dynamic controller, on by default) or at {@code
 * resync-rate} when {@code c-plan-ahead} is 0; {@code reconcile.syncRate} in strata.yaml is the
 * operator's estimate of what the replication link sustains. With both, the lower one wins; with
 * neither, the rate is unknown (0) and so is the ETA — Strata does not guess a link speed.
 */
public record SyncRate(long bytesPerSecond, String source) {
  public static final SyncRate UNKNOWN = new SyncRate(0, "no sync rate configured");

  private static final Pattern DRBD_RATE = Pattern.compile("([0-9]+)([kKmMgG]?)");

  public boolean known() {
    return bytesPerSecond > 0;
  }

  /** The rate for a volume of template {@code t} ({@code configured}: 0 when not set). */
  public static SyncRate of(ResourceTemplate t, long configured) {
    SyncRate cap = fromTemplate(t);
    SyncRate op =
        configured > 0 ? new SyncRate(configured, "reconcile.syncRate") : SyncRate.UNKNOWN;
    if (cap.known() && op.known()) {
      return cap.bytesPerSecond() <= op.bytesPerSecond() ? cap : op;
    }
    return cap.known() ? cap : op;
  }

  static SyncRate fromTemplate(ResourceTemplate t) {
    if (t == null || t.drbd() == null) {
      return UNKNOWN;
    }
    Map<String, String> o = DrbdOptionKeys.canonicalize(t.drbd().options());
    boolean dynamic = !"0".equals(o.getOrDefault("c-plan-ahead", "").strip());
    String key = dynamic ? "c-max-rate" : "resync-rate";
    long rate = parse(o.get(key));
    return rate > 0 ? new SyncRate(rate, "template " + t.name() + " " + key) : UNKNOWN;
  }

  /**
   * A DRBD rate option in bytes/s: a plain number is KiB/s, suffixes k, M, G are binary ({@code
   * 100M} = 100 MiB/s). 0 when absent or not understood.
   */
  static long parse(String v) {
    if (v == null) {
      return 0;
    }
    Matcher m = DRBD_RATE.matcher(v.strip());
    if (!m.matches()) {
      return 0;
    }
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      return 0;
    }
    long unit =
        switch (m.group(2)) {
          case "m", "M" -> 1L << 20;
          case "g", "G" -> 1L << 30;
          default -> 1L << 10;
        };
    return n > Long.MAX_VALUE / unit ? 0 : n * unit;
  }

  /** Seconds to move {@code bytes}, rounded up; null when the rate is unknown. */
  public Long eta(long bytes) {
    if (!known()) {
      return null;
    }
    return (bytes + bytesPerSecond - 1) / bytesPerSecond;
  }
}
