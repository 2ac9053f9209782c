package io.strata.simulator.lvm;

import io.strata.simulator.cmd.Devices;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.state.LvState;
import io.strata.simulator.state.VgState;
import java.util.List;
import java.util.Set;

/** The values of lvm2 report fields for one LV, VG or PV (before unit formatting). */
final class LvmFields {
  static final List<String> LV_DEFAULT =
      List.of(
          "lv_name",
          "vg_name",
          "lv_attr",
          "lv_size",
          "pool_lv",
          "origin",
          "data_percent",
          "metadata_percent",
          "move_pv",
          "mirror_log",
          "copy_percent",
          "convert_lv");
  static final List<String> VG_DEFAULT =
      List.of("vg_name", "pv_count", "lv_count", "snap_count", "vg_attr", "vg_size", "vg_free");
  static final List<String> PV_DEFAULT =
      List.of("pv_name", "vg_name", "pv_fmt", "pv_attr", "pv_size", "pv_free");
  static final Set<String> SIZES =
      Set.of(
          "lv_size",
          "vg_size",
          "vg_free",
          "vg_extent_size",
          "pv_size",
          "pv_free",
          "dev_size",
          "pv_used",
          "lv_metadata_size");
  static final Set<String> LV_FIELDS =
      Set.of(
          "lv_name",
          "lv_path",
          "lv_dm_path",
          "lv_size",
          "lv_attr",
          "lv_tags",
          "pool_lv",
          "origin",
          "data_percent",
          "metadata_percent",
          "lv_active",
          "lv_uuid",
          "devices",
          "segtype",
          "lv_skip_activation",
          "lv_permissions",
          "lv_layout",
          "lv_role",
          "move_pv",
          "mirror_log",
          "copy_percent",
          "convert_lv",
          "lv_full_name",
          "lv_metadata_size",
          "snap_percent");
  static final Set<String> VG_FIELDS =
      Set.of(
          "vg_name",
          "vg_size",
          "vg_free",
          "vg_extent_size",
          "vg_extent_count",
          "vg_free_count",
          "vg_tags",
          "pv_count",
          "lv_count",
          "snap_count",
          "vg_uuid",
          "vg_attr");
  static final Set<String> PV_FIELDS =
      Set.of(
          "pv_name", "pv_fmt", "pv_attr", "pv_size", "pv_free", "pv_uuid", "dev_size", "pv_used");

  private LvmFields() {}

  /** A size field's value in bytes, or null when the field is not a size. */
  static Long lvSize(String f, LvState lv) {
    if (f.equals("lv_size")) {
      return lv.sizeBytes;
    }
    return f.equals("lv_metadata_size") ? Long.valueOf(0) : null;
  }

  static String lv(Invocation inv, String f, VgState vg, LvState lv) {
    return switch (f) {
      case "lv_name" -> lv.name;
      case "lv_full_name" -> vg.name + "/" + lv.name;
      case "lv_path" -> lv.thinPool() ? "" : "/dev/" + vg.name + "/" + lv.name;
      case "lv_dm_path" -> "/dev/mapper/" + Devices.dmName(vg.name, lv.name);
      case "lv_attr" ->
          attr(
              inv,
              vg,
              lv,
              vg.lvs.values().stream()
                  .anyMatch(o -> lv.name.equals(o.origin) && "snapshot".equals(o.kind)));
      case "lv_tags" -> String.join(",", lv.tags);
      case "pool_lv" -> lv.pool;
      case "origin" -> lv.origin;
      case "data_percent", "snap_percent" ->
          lv.active && (lv.thinVolume() || lv.thinPool() || "snapshot".equals(lv.kind))
              ? "0.00"
              : "";
      case "metadata_percent" -> lv.active && lv.thinPool() ? "0.00" : "";
      case "lv_active" -> lv.active ? "active" : "";
      case "lv_uuid" -> lv.uuid;
      case "devices" ->
          lv.thinVolume()
              ? ""
              : lv.thinPool() ? lv.name + "_tdata(0)" : vg.pvName + "(" + start(vg, lv) + ")";
      case "segtype" -> lv.kind.equals("snapshot") ? "linear" : lv.kind;
      case "lv_skip_activation" -> lv.skipActivation ? "skip activation" : "";
      case "lv_permissions" -> lv.readOnly ? "read-only" : "writeable";
      case "lv_layout" -> lv.thinVolume() ? "thin,sparse" : lv.thinPool() ? "thin,pool" : "linear";
      case "lv_role" ->
          lv.thinPool()
              ? "private,thin,pool"
              : lv.origin.isEmpty() ? "public" : "public,snapshot,thinsnapshot";
      default -> "";
    };
  }

  private static long start(VgState vg, LvState lv) {
    long s = 0;
    for (LvState o : vg.lvs.values()) {
      if (o == lv) {
        return s;
      }
      s += o.extents;
    }
    return s;
  }

  private static String attr(Invocation inv, VgState vg, LvState lv, boolean hasSnap) {
    char type =
        switch (lv.kind) {
          case "thin" -> 'V';
          case "thin-pool" -> 't';
          case "snapshot" -> 's';
          default -> hasSnap ? 'o' : '-';
        };
    boolean open =
        lv.thinPool()
            ? vg.lvs.values().stream().anyMatch(o -> lv.name.equals(o.pool) && o.active)
            : lv.active
                && Devices.held(inv.cluster(), inv.node(), "/dev/" + vg.name + "/" + lv.name);
    char target = lv.thinVolume() || lv.thinPool() ? 't' : "snapshot".equals(lv.kind) ? 's' : '-';
    char zero = lv.thinVolume() || (lv.thinPool() && lv.zero) ? 'z' : '-';
    return new String(
        new char[] {
          type,
          lv.readOnly ? 'r' : 'w',
          'i',
          '-',
          lv.active ? 'a' : '-',
          open ? 'o' : '-',
          target,
          zero,
          '-',
          lv.skipActivation ? 'k' : '-'
        });
  }

  static Long vgSize(String f, VgState vg) {
    return switch (f) {
      case "vg_size" -> vg.extentCount * vg.extentSize;
      case "vg_free" -> vg.freeExtents() * vg.extentSize;
      case "vg_extent_size" -> vg.extentSize;
      default -> null;
    };
  }

  static String vg(String f, VgState vg) {
    return switch (f) {
      case "vg_name" -> vg.name;
      case "vg_extent_count" -> Long.toString(vg.extentCount);
      case "vg_free_count" -> Long.toString(vg.freeExtents());
      case "vg_tags" -> String.join(",", vg.tags);
      case "pv_count" -> "1";
      case "lv_count" -> Long.toString(vg.lvs.size());
      case "snap_count" ->
          Long.toString(vg.lvs.values().stream().filter(l -> "snapshot".equals(l.kind)).count());
      case "vg_uuid" -> vg.uuid;
      case "vg_attr" -> "wz--n-";
      default -> "";
    };
  }

  static Long pvSize(String f, VgState vg) {
    long size = vg.extentCount * vg.extentSize;
    return switch (f) {
      case "pv_size" -> size;
      case "pv_free" -> vg.freeExtents() * vg.extentSize;
      case "pv_used" -> vg.usedExtents() * vg.extentSize;
      case "dev_size" -> size + (4L << 20);
      default -> null;
    };
  }

  static String pv(String f, VgState vg) {
    return switch (f) {
      case "pv_name" -> vg.pvName;
      case "pv_fmt" -> "lvm2";
      case "pv_attr" -> "a--";
      case "pv_uuid" -> vg.pvUuid;
      default -> vg(f, vg);
    };
  }
}
