package io.strata.executors.zfs;

import io.strata.executors.layer.Json;
import io.strata.executors.layer.ObservationException;
import io.strata.planner.observed.Zpool;
import io.strata.planner.observed.Zvol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code zfs list -H -p} and {@code zpool list -H -p}: tab-separated, exact bytes, {@code -}
 * for an unset user property or a property that does not apply.
 */
public final class ZfsParser {
  private ZfsParser() {}

  /** Rows as column → value. */
  public static List<Map<String, String>> rows(String out, List<String> columns) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length != columns.size()) {
        throw new ObservationException(
            "zfs/zpool: expected "
                + columns.size()
                + " tab-separated fields "
                + columns
                + ", got: "
                + line);
      }
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < f.length; i++) {
        row.put(columns.get(i), f[i].strip());
      }
      rows.add(row);
    }
    return rows;
  }

  /** Zvols and zvol snapshots; other dataset types (when a type column is given) are skipped. */
  public static List<Zvol> zvols(String out, List<String> columns) {
    return Json.refusing("zfs list", () -> zvols0(out, columns));
  }

  private static List<Zvol> zvols0(String out, List<String> columns) {
    List<Zvol> out2 = new ArrayList<>();
    for (Map<String, String> r : rows(out, columns)) {
      String type = r.get("type");
      if (type != null && !type.equals("volume") && !type.equals("snapshot")) {
        continue;
      }
      String owner = r.getOrDefault(ZfsCommands.OWNER_PROPERTY, "-");
      String init = r.getOrDefault(ZfsCommands.INIT_PROPERTY, "-");
      String source = r.getOrDefault(ZfsCommands.SOURCE_PROPERTY, "-");
      out2.add(
          new Zvol(
              Json.name("zfs list", "dataset", r.get("name")),
              num(r.get("volsize")),
              num(r.get("used")),
              num(r.getOrDefault("refreservation", "-")),
              owner.equals("-") ? null : owner,
              init.equals("-") ? null : init,
              source.equals("-") ? null : source));
    }
    return out2;
  }

  /** The filesystem datasets of a listing with type and avail columns: name to available bytes. */
  public static Map<String, Long> filesystems(String out, List<String> columns) {
    return Json.refusing(
        "zfs list",
        () -> {
          Map<String, Long> fs = new HashMap<>();
          for (Map<String, String> r : rows(out, columns)) {
            if ("filesystem".equals(r.get("type"))) {
              fs.put(Json.name("zfs list", "dataset", r.get("name")), num(r.get("avail")));
            }
          }
          return fs;
        });
  }

  /** {@code zpool list -H -p -o name,size,free}. */
  public static List<Zpool> zpools(String out) {
    return Json.refusing("zpool list", () -> zpools0(out));
  }

  private static List<Zpool> zpools0(String out) {
    List<Zpool> pools = new ArrayList<>();
    for (Map<String, String> r : rows(out, List.of("name", "size", "free"))) {
      pools.add(
          new Zpool(
              Json.name("zpool list", "pool", r.get("name")),
              num(r.get("size")),
              num(r.get("free"))));
    }
    return pools;
  }

  static long num(String v) {
    if (v == null || v.equals("-") || v.isEmpty()) {
      return 0;
    }
    try {
      long n = Long.parseLong(v);
      if (n < 0) {
        throw new NumberFormatException("negative");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ObservationException("zfs: '" + v + "' is not a byte count (run with -p)");
    }
  }
}
