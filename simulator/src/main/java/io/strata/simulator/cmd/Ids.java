package io.strata.simulator.cmd;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Deterministic identifiers (UUIDs in the formats of the tools) derived from a key. */
public final class Ids {
  private Ids() {}

  public static UUID uuid(String key) {
    return UUID.nameUUIDFromBytes(("strata-sim:" + key).getBytes(StandardCharsets.UTF_8));
  }

  /** An LVM-style UUID (6-4-4-4-4-4-6 characters) derived from {@code key}. */
  public static String lvmUuid(String key) {
    String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    UUID u = uuid(key);
    long a = u.getMostSignificantBits();
    long b = u.getLeastSignificantBits();
    StringBuilder sb = new StringBuilder();
    int[] groups = {6, 4, 4, 4, 4, 4, 6};
    for (int g = 0; g < groups.length; g++) {
      if (g > 0) {
        sb.append('-');
      }
      for (int i = 0; i < groups[g]; i++) {
        sb.append(chars.charAt((int) Long.remainderUnsigned(a, chars.length())));
        a = Long.divideUnsigned(a, chars.length()) ^ Long.rotateLeft(b, 7);
        b = Long.rotateLeft(b, 13);
      }
    }
    return sb.toString();
  }
}
