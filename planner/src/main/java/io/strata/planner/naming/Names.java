package io.strata.planner.naming;

import io.strata.planner.observed.LuksDevice;
import io.strata.planner.observed.NvmeSubsystem;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Naming conventions of the objects Strata creates (ARCHITECTURE.md §5, §8). Shared by planner and
 * executors so that both always agree on what a volume's objects are called.
 */
public final class Names {
  /** LINSTOR-style volume number suffix; Strata volumes have exactly one DRBD volume, number 0. */
  public static final String VOLUME_SUFFIX = "_00000";

  /** Between a volume's name and the UTC time of one of its scheduled snapshots. */
  public static final String SCHEDULED_INFIX = "-auto-";

  private static final DateTimeFormatter SCHEDULED_TIME =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private Names() {}

  /**
   * The scheduled snapshot of {@code volume} fired at {@code at}: {@code
   * pg-data-auto-20261206t011500z} (UTC, whole seconds). Names sort in time order, and two
   * instances serving the same fire choose the same name.
   */
  public static String scheduledSnapshot(String volume, Instant at) {
    return volume + SCHEDULED_INFIX + SCHEDULED_TIME.format(at).toLowerCase(java.util.Locale.ROOT);
  }

  /** The fire time a scheduled snapshot of {@code volume} is named after, if it is named so. */
  public static Optional<Instant> scheduledTime(String volume, String snapshot) {
    String prefix = volume + SCHEDULED_INFIX;
    if (snapshot == null || !snapshot.startsWith(prefix)) {
      return Optional.empty();
    }
    try {
      String t = snapshot.substring(prefix.length()).toUpperCase(java.util.Locale.ROOT);
      return Optional.of(Instant.from(SCHEDULED_TIME.parse(t)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** {@code pg-data} → {@code pg-data_00000} (the LV or zvol name). */
  public static String storageName(String volume) {
    return volume + VOLUME_SUFFIX;
  }

  /** The dm-crypt mapping name: {@code strata-pg-data}. */
  public static String luksMapping(String volume) {
    return LuksDevice.PREFIX + volume;
  }

  /** The DRBD resource name equals the volume name. */
  public static String drbdResource(String volume) {
    return volume;
  }

  /** Where Strata keeps a resource's file: {@code /etc/drbd.d/strata-<res>.res}. */
  public static String drbdResFile(String resource) {
    return "/etc/drbd.d/strata-" + resource + ".res";
  }

  /** The NVMe subsystem NQN: {@code nqn.2014-08.io.strata:pg-data}. */
  public static String nqn(String volume) {
    return NvmeSubsystem.NQN_PREFIX + volume;
  }

  /** The snapshot object name of {@code snapshot} on a volume's storage. */
  public static String snapshotName(String snapshot) {
    return snapshot;
  }
}
