package io.strata.planner.naming;

import io.strata.planner.observed.LuksDevice;
import io.strata.planner.observed.NvmeSubsystem;

/**
 * Naming conventions of the objects Strata creates (ARCHITECTURE.md §5, §8). Shared by planner and
 * executors so that both always agree on what a volume's objects are called.
 */
public final class Names {
  /** LINSTOR-style volume number suffix; Strata volumes have exactly one DRBD volume, number 0. */
  public static final String VOLUME_SUFFIX = "_00000";

  private Names() {}

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
