package io.strata.planner.observed;

/**
 * An open dm-crypt mapping ({@code /dev/mapper/<mapping>}) over {@code backingDevice}; {@code size}
 * is the usable (decrypted) size in bytes. Strata owns mappings named with {@code strata-}.
 */
public record LuksDevice(String mapping, String backingDevice, long size, boolean owned) {
  public static final String PREFIX = "strata-";

  public String devicePath() {
    return DevicePaths.mapper(mapping);
  }
}
