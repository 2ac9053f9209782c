package io.strata.planner.observed;

/**
 * The block device paths udev gives the objects Strata manages, in one place: {@code /dev/VG/LV},
 * {@code /dev/zvol/POOL/NAME}, {@code /dev/mapper/NAME}. The simulated cluster names devices on its
 * own, as the kernel does, so a wrong path here shows up there.
 */
public final class DevicePaths {
  private static final String ZVOL = "/dev/zvol/";
  private static final String MAPPER = "/dev/mapper/";

  private DevicePaths() {}

  /** An LV's path: {@code /dev/vg0/pg_00000}. */
  public static String lv(String vg, String name) {
    return "/dev/" + vg + "/" + name;
  }

  /** A zvol's path from its dataset ({@code tank/pg_00000}). */
  public static String zvol(String dataset) {
    return ZVOL + dataset;
  }

  /** A zvol's path from its pool and name. */
  public static String zvol(String zpool, String name) {
    return zvol(zpool + "/" + name);
  }

  /** A device-mapper (dm-crypt) mapping's path: {@code /dev/mapper/strata-pg}. */
  public static String mapper(String mapping) {
    return MAPPER + mapping;
  }

  /** The path of a storage object in {@code container} (a VG or zpool). */
  public static String storage(boolean lvm, String container, String name) {
    return lvm ? lv(container, name) : zvol(container, name);
  }

  /** True when {@code path} is a device of the VG or zpool {@code container}. */
  public static boolean inContainer(String path, String container) {
    return path.startsWith("/dev/" + container + "/") || path.startsWith(ZVOL + container + "/");
  }
}
