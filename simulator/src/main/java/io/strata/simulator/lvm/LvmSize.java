package io.strata.simulator.lvm;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** lvm2 size arguments ({@code 10g}, {@code 1.5T}, {@code +100m}, {@code 204800b}) and display. */
final class LvmSize {
  private LvmSize() {}

  /** A parsed size: bytes, and whether it was relative ({@code +}/{@code -}). */
  record Parsed(long bytes, int sign) {}

  static Parsed parse(String s, String option) throws LvmError {
    String v = s.trim();
    int sign = 0;
    if (v.startsWith("+") || v.startsWith("-")) {
      sign = v.charAt(0) == '+' ? 1 : -1;
      v = v.substring(1);
    }
    if (v.isEmpty()) {
      throw LvmError.badArgs("Invalid argument for " + option + ": " + s);
    }
    char last = v.charAt(v.length() - 1);
    long mult = 1L << 20; // lvm2's default unit for sizes is MiB
    if (Character.isLetter(last)) {
      mult = unit(Character.toLowerCase(last));
      if (mult == 0) {
        throw LvmError.badArgs("Invalid argument for " + option + ": " + s);
      }
      v = v.substring(0, v.length() - 1);
    }
    try {
      BigDecimal bytes = new BigDecimal(v).multiply(BigDecimal.valueOf(mult));
      if (bytes.signum() < 0) {
        throw LvmError.badArgs("Invalid argument for " + option + ": " + s);
      }
      return new Parsed(bytes.setScale(0, RoundingMode.CEILING).longValueExact(), sign);
    } catch (NumberFormatException | ArithmeticException e) {
      throw LvmError.badArgs("Invalid argument for " + option + ": " + s);
    }
  }

  private static long unit(char c) {
    return switch (c) {
      case 'b' -> 1;
      case 's' -> 512;
      case 'k' -> 1L << 10;
      case 'm' -> 1L << 20;
      case 'g' -> 1L << 30;
      case 't' -> 1L << 40;
      case 'p' -> 1L << 50;
      case 'e' -> 1L << 60;
      default -> 0;
    };
  }

  /** How lvm2 prints sizes in messages: "100.00 MiB". */
  static String display(long bytes) {
    String[] names = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    if (bytes < 1024) {
      return bytes + " B";
    }
    int i = 0;
    double v = bytes / 1024.0;
    while (v >= 1024 && i < names.length - 1) {
      v /= 1024;
      i++;
    }
    return String.format(Locale.ROOT, "%.2f %s", v, names[i]);
  }

  /** Report formatting per {@code --units} and {@code --nosuffix}. */
  static String report(long bytes, String units, boolean nosuffix) {
    char u = units == null || units.isEmpty() ? 'h' : units.charAt(0);
    if (u == 'b' || u == 'B') {
      return nosuffix ? Long.toString(bytes) : bytes + "B";
    }
    if (u == 'h' || u == 'H') {
      if (bytes == 0) {
        return "0 ";
      }
      boolean si = u == 'H';
      String chars = "kmgtpe";
      long base = si ? 1000 : 1024;
      double v = bytes / (double) base;
      int i = 0;
      while (v >= base && i < chars.length() - 1) {
        v /= base;
        i++;
      }
      char suffix = si ? Character.toUpperCase(chars.charAt(i)) : chars.charAt(i);
      return String.format(Locale.ROOT, "%.2f", v) + (nosuffix ? "" : String.valueOf(suffix));
    }
    boolean si = Character.isUpperCase(u);
    int power = "kmgtpe".indexOf(Character.toLowerCase(u)) + 1;
    if (Character.toLowerCase(u) == 's') {
      return String.format(Locale.ROOT, "%.2f", bytes / 512.0) + (nosuffix ? "" : "S");
    }
    double v = bytes / Math.pow(si ? 1000 : 1024, Math.max(power, 1));
    return String.format(Locale.ROOT, "%.2f", v) + (nosuffix ? "" : String.valueOf(u));
  }
}
