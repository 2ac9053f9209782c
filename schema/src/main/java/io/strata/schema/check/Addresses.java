package io.strata.schema.check;

import java.util.regex.Pattern;

/**
 * Syntax of node addresses, checked without any name resolution (validation does no I/O): dotted
 * IPv4, IPv6 (RFC 4291 text forms, optional zone), or an RFC 1123 host name.
 */
final class Addresses {
  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]{1,4}");

  private Addresses() {}

  static boolean valid(String a) {
    if (a == null || a.isEmpty()) {
      return false;
    }
    if (a.contains(":")) {
      return ipv6(a);
    }
    if (a.matches("[0-9.]+")) {
      return ipv4(a);
    }
    return hostname(a);
  }

  static boolean ipv4(String a) {
    String[] parts = a.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.startsWith("0"))) {
        return false;
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  static boolean ipv6(String a) {
    String s = a;
    int zone = s.indexOf('%');
    if (zone >= 0) {
      if (zone == s.length() - 1) {
        return false;
      }
      s = s.substring(0, zone);
    }
    int dbl = s.indexOf("::");
    if (dbl != s.lastIndexOf("::")) {
      return false;
    }
    int groups = 0;
    String[] halves =
        dbl >= 0 ? new String[] {s.substring(0, dbl), s.substring(dbl + 2)} : new String[] {s};
    for (int h = 0; h < halves.length; h++) {
      if (halves[h].isEmpty()) {
        continue;
      }
      String[] parts = halves[h].split(":", -1);
      for (int i = 0; i < parts.length; i++) {
        boolean lastOfAll = h == halves.length - 1 && i == parts.length - 1;
        if (lastOfAll && parts[i].contains(".")) {
          if (!ipv4(parts[i])) {
            return false;
          }
          groups += 2;
        } else if (HEX.matcher(parts[i]).matches()) {
          groups++;
        } else {
          return false;
        }
      }
    }
    return dbl >= 0 ? groups <= 7 : groups == 8;
  }

  static boolean hostname(String a) {
    String s = a.endsWith(".") ? a.substring(0, a.length() - 1) : a;
    if (s.isEmpty() || s.length() > 253) {
      return false;
    }
    for (String label : s.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    // An all-numeric last label would be a mistyped IPv4 address, not a host name.
    String tld = s.substring(s.lastIndexOf('.') + 1);
    return !tld.chars().allMatch(Character::isDigit);
  }
}
