package io.strata.planner.plan;

import java.util.List;
import java.util.Locale;

/**
 * Something the plan will not do, and why in words an operator can act on. {@code node} is null
 * when the refusal concerns the whole volume. {@code volumes} lists every volume it holds back
 * (several for the blast-radius guard); {@code volume} is their display form ("a, b, c").
 */
public record Refusal(String volume, String node, String reason, Kind kind, List<String> volumes) {
  /** Why the planner refused: what an operator (or the daemon) does about it differs per kind. */
  public enum Kind {
    /** No room, no eligible node, no free DRBD port: change the manifests or add capacity. */
    PLACEMENT,
    /** A data-safety rule (§5): a shrink, an object Strata does not own, a format of data. */
    SAFETY,
    /** A node that holds or may hold the volume is unreachable: retried once it is observed. */
    UNKNOWN_NODE,
    /** The blast-radius guard dropped every delete of the plan. */
    GUARD,
    /** The volume's changes wait while it backs off after failed changes. */
    BACKOFF;

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Kind fromJson(String s) {
      return s == null ? SAFETY : valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  public Refusal {
    kind = kind == null ? Kind.SAFETY : kind;
    volumes = volumes != null ? List.copyOf(volumes) : volume == null ? List.of() : List.of(volume);
  }

  public Refusal(String volume, String node, String reason, Kind kind) {
    this(volume, node, reason, kind, null);
  }

  /** A refusal under a data-safety rule. */
  public Refusal(String volume, String node, String reason) {
    this(volume, node, reason, Kind.SAFETY, null);
  }
}
