package io.strata.executors.host;

import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Conversions between numeric POSIX modes ({@code 0600}) and NIO permission sets. */
public final class PosixModes {
  // Bit order of PosixFilePermission.values(): OWNER_READ (0400) … OTHERS_EXECUTE (0001).
  private static final PosixFilePermission[] ORDER = PosixFilePermission.values();

  private PosixModes() {}

  /** The permissions of {@code mode}; rejects bits beyond {@code 0777} (setuid etc.). */
  public static Set<PosixFilePermission> toPermissions(int mode) {
    if (mode < 0 || mode > 0777) {
      throw new IllegalArgumentException(
          "file mode "
              + toOctal(mode)
              + " is out of range: use 0000..0777 (e.g. 0600 for secrets)");
    }
    Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
    for (int i = 0; i < ORDER.length; i++) {
      if ((mode & (0400 >> i)) != 0) {
        perms.add(ORDER[i]);
      }
    }
    return perms;
  }

  /** The numeric mode of {@code perms}. */
  public static int toMode(Set<PosixFilePermission> perms) {
    int mode = 0;
    for (int i = 0; i < ORDER.length; i++) {
      if (perms.contains(ORDER[i])) {
        mode |= 0400 >> i;
      }
    }
    return mode;
  }

  /** {@code 0600} style, as chmod takes it. */
  public static String toOctal(int mode) {
    return String.format("%04o", mode);
  }
}
