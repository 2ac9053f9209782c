package io.strata.simulator.zfs;

import io.strata.simulator.state.ZfsDataset;
import io.strata.simulator.state.ZpoolState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** ZFS property values, sizes in {@code -p} (bytes) or human form, and size parsing. */
final class ZfsProps {
  static final Pattern USER_PROP = Pattern.compile("[a-z0-9._-]*:[a-z0-9:._-]*");
  static final Set<String> NATIVE =
      Set.of(
          "name",
          "type",
          "used",
          "available",
          "avail",
          "referenced",
          "refer",
          "volsize",
          "volblocksize",
          "refreservation",
          "reservation",
          "origin",
          "clones",
          "creation",
          "guid",
          "compression",
          "compress",
          "sync",
          "logbias",
          "primarycache",
          "secondarycache",
          "readonly",
          "rdonly",
          "volmode",
          "copies",
          "checksum",
          "mountpoint",
          "usedbysnapshots",
          "written",
          "createtxg",
          "snapdev");
  static final Set<String> SETTABLE =
      Set.of(
          "volsize",
          "refreservation",
          "reservation",
          "compression",
          "compress",
          "sync",
          "logbias",
          "primarycache",
          "secondarycache",
          "readonly",
          "rdonly",
          "volmode",
          "copies",
          "checksum",
          "snapdev");

  private ZfsProps() {}

  /**
   * What a thick zvol reserves (volsize plus metadata overhead, like zvol_volsize_to_reservation).
   */
  static long reservation(long volsize, long volblocksize) {
    long overhead = volsize / Math.max(1, volblocksize / 128) + (1L << 20);
    return (volsize + overhead + 4095) / 4096 * 4096;
  }

  /** A ZFS size (binary suffixes B K M G T P E, optional trailing B, fractions). */
  static long parseSize(String s) {
    String v = s.trim().toUpperCase(Locale.ROOT);
    if (v.endsWith("IB")) {
      throw new NumberFormatException(s);
    }
    if (v.length() > 1 && v.endsWith("B") && Character.isLetter(v.charAt(v.length() - 2))) {
      v = v.substring(0, v.length() - 1);
    }
    long mult = 1;
    char last = v.isEmpty() ? ' ' : v.charAt(v.length() - 1);
    int power = "BKMGTPE".indexOf(last);
    if (Character.isLetter(last)) {
      if (power < 0) {
        throw new NumberFormatException(s);
      }
      mult = 1L << (10 * power);
      v = v.substring(0, v.length() - 1);
    }
    BigDecimal b = new BigDecimal(v).multiply(BigDecimal.valueOf(mult));
    if (b.signum() < 0) {
      throw new NumberFormatException(s);
    }
    return b.setScale(0, RoundingMode.CEILING).longValueExact();
  }

  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + "B";
    }
    String units = "KMGTPE";
    double v = bytes;
    int i = -1;
    while (v >= 1024 && i < units.length() - 1) {
      v /= 1024;
      i++;
    }
    String num =
        v >= 100
            ? String.format(Locale.ROOT, "%.0f", v)
            : v >= 10
                ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    return num + units.charAt(i);
  }

  static String size(long bytes, boolean parsable) {
    return parsable ? Long.toString(bytes) : human(bytes);
  }

  static long used(ZfsDataset d) {
    return "snapshot".equals(d.type) ? 0 : Math.max(d.refreservation, d.referenced);
  }

  /** The value of a property of a dataset, {@code -} when unset or not applicable. */
  static String value(ZpoolState pool, ZfsDataset d, String prop, boolean p) {
    if (d.isFilesystem()) {
      return filesystemValue(pool, d, prop, p);
    }
    boolean snap = "snapshot".equals(d.type);
    return switch (prop) {
      case "name" -> d.name;
      case "type" -> d.type;
      case "used" -> size(used(d), p);
      case "available", "avail" ->
          snap ? "-" : size(pool.free() + Math.max(0, d.refreservation - d.referenced), p);
      case "referenced", "refer" -> size(d.referenced, p);
      case "volsize" -> size(d.volsize, p);
      case "volblocksize" -> size(d.volblocksize, p);
      case "refreservation" ->
          snap ? "-" : d.refreservation == 0 && !p ? "none" : size(d.refreservation, p);
      case "reservation" -> snap ? "-" : p ? "0" : "none";
      case "origin" -> d.origin == null ? "-" : d.origin;
      case "clones" ->
          pool.datasets.values().stream()
              .filter(x -> d.name.equals(x.origin))
              .map(x -> x.name)
              .reduce((x, y) -> x + "," + y)
              .orElse(snap ? "" : "-");
      case "mountpoint" -> "-";
      case "creation", "createtxg" -> Long.toString(d.createTxg);
      case "guid" -> Long.toString(Math.abs((long) d.name.hashCode()) * 7919L);
      case "usedbysnapshots", "written" -> p ? "0" : "0B";
      default -> d.userProps.getOrDefault(prop, "-");
    };
  }

  static String source(ZfsDataset d, String prop) {
    if (d.userProps.containsKey(prop)) {
      return "local";
    }
    if (USER_PROP.matcher(prop).matches()) {
      return "-";
    }
    return switch (prop) {
      case "refreservation" -> "snapshot".equals(d.type) ? "-" : "local";
      case "volsize" -> "local";
      case "volblocksize" -> "default";
      default -> "-";
    };
  }

  /**
   * Values of a filesystem dataset below the root ({@code tank/strata}): its used space is its
   * descendants' and its own; what is available is the pool's (no quotas are simulated).
   */
  private static String filesystemValue(ZpoolState pool, ZfsDataset d, String prop, boolean p) {
    return switch (prop) {
      case "name" -> d.name;
      case "type" -> d.type;
      case "used" ->
          size(
              pool.datasets.values().stream()
                  .filter(x -> x == d || x.name.startsWith(d.name + "/"))
                  .mapToLong(ZfsProps::used)
                  .sum(),
              p);
      case "available", "avail" -> size(pool.free(), p);
      case "referenced", "refer" -> size(d.referenced, p);
      case "mountpoint" -> "/" + d.name;
      case "creation", "createtxg" -> Long.toString(d.createTxg);
      case "guid" -> Long.toString(Math.abs((long) d.name.hashCode()) * 7919L);
      case "volsize", "volblocksize", "origin" -> "-";
      case "refreservation", "reservation" -> p ? "0" : "none";
      default -> d.userProps.getOrDefault(prop, "-");
    };
  }

  /** Values of the pool's root filesystem dataset (which {@code zfs list} shows too). */
  static String rootValue(ZpoolState pool, String prop, boolean p) {
    return switch (prop) {
      case "name" -> pool.name;
      case "type" -> "filesystem";
      case "used" -> size(pool.used() + 98304, p);
      case "available", "avail" -> size(pool.free(), p);
      case "referenced", "refer" -> size(98304, p);
      case "mountpoint" -> "/" + pool.name;
      default -> "-";
    };
  }
}
