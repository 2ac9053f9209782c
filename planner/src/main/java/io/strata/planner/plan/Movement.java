package io.strata.planner.plan;

import java.util.List;
import java.util.Locale;

/**
 * The data one change sends over the network: {@code bytesPerTarget} to each node of {@code to}
 * from {@code from} (the replicas that hold the data). Targets sync in parallel, so the ETA is
 * {@code bytesPerTarget / rate}; {@code rate} is 0 and {@code etaSeconds} null when no sync rate is
 * configured ("unknown"). {@code rateSource} says where the rate came from.
 */
public record Movement(
    Kind kind,
    long bytesPerTarget,
    List<String> from,
    List<String> to,
    long rate,
    String rateSource,
    Long etaSeconds) {
  public Movement {
    from = List.copyOf(from);
    to = List.copyOf(to);
  }

  /** Why the data moves. */
  public enum Kind {
    /** A new or re-created diskful replica receives the whole volume from its peers. */
    RESYNC,
    /** A brand-new thick or encrypted resource: the first node's data goes to every peer. */
    INITIAL_SYNC,
    /** A replicated volume grew: the added bytes resync to every peer. */
    GROW_RESYNC,
    /** A volume created from a thick LV: every block of the source is copied on the node. */
    BLOCK_COPY;

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Kind fromJson(String s) {
      return valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** For renderings: "full resync", "initial sync", "resync of the added bytes". */
    public String human() {
      return switch (this) {
        case RESYNC -> "full resync";
        case INITIAL_SYNC -> "initial full sync";
        case GROW_RESYNC -> "resync of the added bytes";
        case BLOCK_COPY -> "block copy on the node";
      };
    }
  }

  /** Bytes over the network: every target receives {@link #bytesPerTarget}. */
  public long bytes() {
    return bytesPerTarget * Math.max(1, to.size());
  }
}
