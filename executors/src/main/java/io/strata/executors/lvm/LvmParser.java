package io.strata.executors.lvm;

import io.strata.executors.layer.Json;
import io.strata.executors.layer.ObservationException;
import io.strata.planner.observed.LogicalVolume;
import io.strata.planner.observed.ThinPool;
import io.strata.planner.observed.VolumeGroup;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Parses {@code pvs/vgs/lvs --reportformat json --units b --nosuffix} (lvm2 2.03). All values are
 * JSON strings; a trailing {@code B} (output made without {@code --nosuffix}) is tolerated.
 */
public final class LvmParser {
  private LvmParser() {}

  /** The rows of report {@code kind} ("pv", "vg", "lv") of every report section. */
  static List<JsonNode> rows(String json, String kind) {
    return rows(Json.read(kind + "s", json), kind);
  }

  private static List<JsonNode> rows(JsonNode root, String kind) {
    JsonNode reports = root.path("report");
    if (!reports.isArray()) {
      throw new ObservationException(kind + "s: no \"report\" array in the JSON output");
    }
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode r : reports) {
      for (JsonNode row : r.path(kind)) {
        out.add(row);
      }
    }
    return out;
  }

  /** What {@code lvm fullreport} says: PVs by VG, every VG (with its PVs) and the LVs. */
  public record FullReport(Map<String, List<String>> pvsByVg, List<VolumeGroup> vgs, Lvs lvs) {}

  /**
   * {@code lvm fullreport}: its sections' pv, vg and lv rows, read as {@code pvs}, {@code vgs} and
   * {@code lvs} would be; a refusal names {@code lvm fullreport}.
   */
  public static FullReport fullReport(String json) {
    return Json.refusing(
        "lvm fullreport",
        () -> {
          // one tree for the three sections: the report is read once, not once per section
          JsonNode root = Json.read("lvm fullreport", json);
          Map<String, List<String>> pvs = physicalVolumes0(rows(root, "pv"));
          return new FullReport(
              pvs, volumeGroups0(rows(root, "vg"), pvs), logicalVolumes0(rows(root, "lv")));
        });
  }

  /** {@code pvs}: physical volumes by VG (sorted), PVs in no VG left out. */
  public static Map<String, List<String>> physicalVolumes(String json) {
    return Json.refusing("pvs", () -> physicalVolumes0(rows(json, "pv")));
  }

  private static Map<String, List<String>> physicalVolumes0(List<JsonNode> rows) {
    Map<String, List<String>> byVg = new TreeMap<>();
    for (JsonNode row : rows) {
      String vg = Json.str(row, "vg_name");
      if (!vg.isEmpty()) {
        byVg.computeIfAbsent(vg, k -> new ArrayList<>())
            .add(Json.name("pvs", "physical volume", Json.str(row, "pv_name")));
      }
    }
    byVg.values().forEach(l -> l.sort(String::compareTo));
    return byVg;
  }

  /** {@code vgs}: the volume groups, with their PVs taken from {@code pvsByVg}. */
  public static List<VolumeGroup> volumeGroups(String json, Map<String, List<String>> pvsByVg) {
    return Json.refusing("vgs", () -> volumeGroups0(rows(json, "vg"), pvsByVg));
  }

  private static List<VolumeGroup> volumeGroups0(
      List<JsonNode> rows, Map<String, List<String>> pvsByVg) {
    List<VolumeGroup> out = new ArrayList<>();
    for (JsonNode row : rows) {
      String name = Json.name("vgs", "volume group", Json.str(row, "vg_name"));
      out.add(
          new VolumeGroup(
              name,
              bytes(row, "vg_size"),
              bytes(row, "vg_free"),
              bytes(row, "vg_extent_size"),
              pvsByVg.getOrDefault(name, List.of())));
    }
    return out;
  }

  /** What {@code lvs} shows: ordinary/thin LVs and snapshots, and thin pools apart. */
  public record Lvs(List<LogicalVolume> volumes, List<ThinPool> thinPools) {}

  /**
   * {@code lvs}: hidden sub-LVs ({@code [x_tdata]}) and pool metadata are skipped, thin pools (attr
   * type {@code t}) become ThinPools with used = size × data_percent, and segment rows of the same
   * LV (cookbook §1.3 pitfall) are merged.
   */
  public static Lvs logicalVolumes(String json) {
    return Json.refusing("lvs", () -> logicalVolumes0(rows(json, "lv")));
  }

  private static Lvs logicalVolumes0(List<JsonNode> rows) {
    Map<String, LogicalVolume> lvs = new LinkedHashMap<>();
    Map<String, ThinPool> pools = new LinkedHashMap<>();
    for (JsonNode row : rows) {
      String name = Json.name("lvs", "logical volume", Json.str(row, "lv_name"));
      String vg = Json.name("lvs", "volume group", Json.str(row, "vg_name"));
      String attr = Json.str(row, "lv_attr");
      char type = attr.isEmpty() ? '-' : attr.charAt(0);
      if (name.startsWith("[") || type == 'T' || type == 'e') {
        continue;
      }
      long size = bytes(row, "lv_size");
      String key = vg + "/" + name;
      if (type == 't') {
        pools.putIfAbsent(
            key, new ThinPool(vg, name, size, used(size, Json.str(row, "data_percent"))));
        continue;
      }
      String tags = Json.str(row, "lv_tags");
      lvs.putIfAbsent(
          key,
          new LogicalVolume(
              vg,
              name,
              size,
              new TreeSet<>(tags.isEmpty() ? List.of() : Arrays.asList(tags.split(","))),
              blankToNull(Json.str(row, "pool_lv")),
              blankToNull(Json.str(row, "origin")),
              attr));
    }
    return new Lvs(List.copyOf(lvs.values()), List.copyOf(pools.values()));
  }

  private static long used(long size, String percent) {
    if (percent.isBlank()) {
      return 0; // inactive pool: LVM does not know its usage
    }
    return new BigDecimal(percent.strip())
        .multiply(BigDecimal.valueOf(size))
        .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING)
        .longValueExact();
  }

  private static String blankToNull(String s) {
    return s.isBlank() ? null : s;
  }

  static long bytes(JsonNode row, String field) {
    String v = Json.str(row, field).strip();
    if (v.endsWith("B")) {
      v = v.substring(0, v.length() - 1);
    }
    try {
      long n = Long.parseLong(v);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new ObservationException(
        "lvm report field " + field + " is '" + v + "', expected bytes (run with --units b)");
  }
}
