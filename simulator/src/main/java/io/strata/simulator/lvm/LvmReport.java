package io.strata.simulator.lvm;

import io.strata.executors.host.Result;
import io.strata.simulator.cmd.Args.Opt;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.state.LvState;
import io.strata.simulator.state.VgState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code lvs}, {@code vgs}, {@code pvs}: rows selected, fields formatted, JSON or columns. */
final class LvmReport {
  private static final List<Opt> OPTS =
      List.of(
          Opt.value("fields", "-o", "--options"),
          Opt.value("reportformat", "--reportformat"),
          Opt.value("units", "--units"),
          Opt.flag("nosuffix", "--nosuffix"),
          Opt.flag("noheadings", "--noheadings"),
          Opt.value("separator", "--separator"),
          Opt.value("select", "-S", "--select"),
          Opt.value("sort", "-O", "--sort"),
          Opt.flag("all", "-a", "--all"),
          Opt.flag("binary", "--binary"),
          Opt.flag("aligned", "--aligned"),
          Opt.flag("unbuffered", "--unbuffered"),
          Opt.flag("readonly", "--readonly"),
          Opt.flag("ignorelockingfailure", "--ignorelockingfailure"));

  private LvmReport() {}

  static Result run(Invocation inv) throws LvmError {
    LvmContext c = LvmContext.of(inv, OPTS);
    String kind = inv.tool().substring(0, 2); // lv, vg, pv
    List<String> fields = fields(c, kind);
    String format = c.args.value("reportformat");
    if (format != null && !format.equals("json") && !format.equals("basic")) {
      throw LvmError.badArgs(
          "Invalid argument for --reportformat: "
              + format
              + "\n  Error during parsing of command line.");
    }
    List<Map<String, String>> rows = new ArrayList<>();
    StringBuilder err = new StringBuilder();
    int rc = 0;
    List<String> names = c.args.positionals();
    for (VgState vg : c.vgs().values()) {
      if (!kind.equals("lv")) {
        if (wanted(names, vg, null) && selected(c.args.value("select"), vg, null)) {
          rows.add(row(c, fields, vg, null));
        }
        continue;
      }
      for (LvState lv : vg.lvs.values()) {
        if (wanted(names, vg, lv) && selected(c.args.value("select"), vg, lv)) {
          rows.add(row(c, fields, vg, lv));
        }
      }
    }
    for (String n : names) {
      String[] p = LvmContext.split(n);
      if (n.startsWith("@")) {
        continue;
      }
      VgState vg = c.vgs().get(p[0]);
      if (vg == null) {
        err.append("  Volume group \"").append(p[0]).append("\" not found\n");
        err.append("  Cannot process volume group ").append(p[0]).append('\n');
        rc = 5;
      } else if (!p[1].isEmpty() && !vg.lvs.containsKey(p[1])) {
        err.append("  Failed to find logical volume \"")
            .append(p[0])
            .append('/')
            .append(p[1])
            .append("\"\n");
        rc = 5;
      }
    }
    String out = "json".equals(format) ? json(kind, rows) : columns(c, fields, rows);
    return rc == 0 ? inv.ok(out, err.toString()) : inv.fail(rc, out, err.toString());
  }

  /** Positional names: VG, VG/LV, /dev paths, or @tag (LVs or VGs carrying that tag). */
  private static boolean wanted(List<String> names, VgState vg, LvState lv) {
    if (names.isEmpty()) {
      return true;
    }
    for (String n : names) {
      if (n.startsWith("@")) {
        String tag = n.substring(1);
        if (vg.tags.contains(tag) || (lv != null && lv.tags.contains(tag))) {
          return true;
        }
        continue;
      }
      String[] p = LvmContext.split(n);
      if (p[0].equals(vg.name) && (lv == null || p[1].isEmpty() || p[1].equals(lv.name))) {
        return true;
      }
    }
    return false;
  }

  private static boolean selected(String select, VgState vg, LvState lv) throws LvmError {
    if (select == null) {
      return true;
    }
    String[] kv = select.split("=", 2);
    if (kv.length != 2) {
      throw LvmError.badArgs("Selection syntax error at '" + select + "'.");
    }
    String k = kv[0].trim();
    String v = kv[1].trim().replaceAll("^['\"]|['\"]$", "");
    return switch (k) {
      case "lv_tags", "tags" -> lv != null && lv.tags.contains(v);
      case "lv_name" -> lv != null && lv.name.equals(v);
      case "vg_name" -> vg.name.equals(v);
      case "vg_tags" -> vg.tags.contains(v);
      case "pool_lv" -> lv != null && lv.pool.equals(v);
      default -> throw LvmError.badArgs("Unrecognised selection field: " + k);
    };
  }

  private static List<String> fields(LvmContext c, String kind) throws LvmError {
    List<String> base =
        switch (kind) {
          case "lv" -> LvmFields.LV_DEFAULT;
          case "vg" -> LvmFields.VG_DEFAULT;
          default -> LvmFields.PV_DEFAULT;
        };
    List<String> out = new ArrayList<>();
    List<String> given = c.args.values("fields");
    if (given.isEmpty()) {
      return base;
    }
    for (String spec : given) {
      String s = spec;
      if (s.startsWith("+")) {
        out.addAll(base);
        s = s.substring(1);
      }
      for (String f : s.split(",")) {
        out.add(resolve(kind, f.trim()));
      }
    }
    return out;
  }

  static String resolve(String kind, String f) throws LvmError {
    Set<String> allowed = new java.util.HashSet<>(LvmFields.VG_FIELDS);
    if (kind.equals("lv")) {
      allowed.addAll(LvmFields.LV_FIELDS);
    }
    if (kind.equals("pv")) {
      allowed.addAll(LvmFields.PV_FIELDS);
    }
    if (allowed.contains(f)) {
      return f;
    }
    if (allowed.contains(kind + "_" + f)) {
      return kind + "_" + f;
    }
    throw LvmError.badArgs("Unrecognised field: " + f);
  }

  private static Map<String, String> row(
      LvmContext c, List<String> fields, VgState vg, LvState lv) {
    return row(c, c.inv.tool().equals("pvs"), fields, vg, lv);
  }

  /** One row; {@code pvRow}: PV fields of the VG's physical volume, as pvs shows them. */
  static Map<String, String> row(
      LvmContext c, boolean pvRow, List<String> fields, VgState vg, LvState lv) {
    String units = c.args.value("units");
    boolean nosuffix = c.args.has("nosuffix");
    Map<String, String> row = new LinkedHashMap<>();
    for (String f : fields) {
      Long size = lv != null ? LvmFields.lvSize(f, lv) : null;
      if (size == null) {
        size = LvmFields.vgSize(f, vg);
      }
      if (size == null && pvRow) {
        size = LvmFields.pvSize(f, vg);
      }
      String v;
      if (size != null) {
        v = LvmSize.report(size, units, nosuffix);
      } else if (lv != null && LvmFields.LV_FIELDS.contains(f)) {
        v = LvmFields.lv(c.inv, f, vg, lv);
      } else if (pvRow) {
        v = LvmFields.pv(f, vg);
      } else {
        v = LvmFields.vg(f, vg);
      }
      row.put(f, v);
    }
    return row;
  }

  /** lvm2's JSON layout, byte for byte: indented blocks, one object per line. */
  static String json(String kind, List<Map<String, String>> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("  {\n      \"report\": [\n          {\n              \"")
        .append(kind)
        .append("\": [\n");
    for (int i = 0; i < rows.size(); i++) {
      sb.append("                  {");
      int j = 0;
      for (Map.Entry<String, String> e : rows.get(i).entrySet()) {
        if (j++ > 0) {
          sb.append(", ");
        }
        sb.append('"').append(e.getKey()).append("\":\"").append(escape(e.getValue())).append('"');
      }
      sb.append('}').append(i + 1 < rows.size() ? "," : "").append('\n');
    }
    sb.append("              ]\n          }\n      ]\n  }\n");
    return sb.toString();
  }

  static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String columns(LvmContext c, List<String> fields, List<Map<String, String>> rows) {
    String sep = c.args.value("separator");
    StringBuilder sb = new StringBuilder();
    List<List<String>> lines = new ArrayList<>();
    if (!c.args.has("noheadings")) {
      lines.add(fields.stream().map(LvmReport::heading).toList());
    }
    for (Map<String, String> r : rows) {
      lines.add(new ArrayList<>(r.values()));
    }
    int[] width = new int[fields.size()];
    for (List<String> l : lines) {
      for (int i = 0; i < l.size(); i++) {
        width[i] = Math.max(width[i], l.get(i).length());
      }
    }
    for (List<String> l : lines) {
      sb.append("  ");
      for (int i = 0; i < l.size(); i++) {
        if (sep != null) {
          sb.append(i > 0 ? sep : "").append(l.get(i));
        } else {
          sb.append(i > 0 ? " " : "")
              .append(String.format("%-" + Math.max(1, width[i]) + "s", l.get(i)));
        }
      }
      sb.append('\n');
    }
    return sep == null ? sb.toString().replaceAll(" +\n", "\n") : sb.toString();
  }

  private static String heading(String f) {
    return switch (f) {
      case "lv_name" -> "LV";
      case "vg_name" -> "VG";
      case "pv_name" -> "PV";
      case "lv_attr", "vg_attr", "pv_attr" -> "Attr";
      case "lv_size" -> "LSize";
      case "pool_lv" -> "Pool";
      case "origin" -> "Origin";
      case "data_percent" -> "Data%";
      case "metadata_percent" -> "Meta%";
      case "lv_tags" -> "LV Tags";
      case "vg_size" -> "VSize";
      case "vg_free" -> "VFree";
      case "pv_size" -> "PSize";
      case "pv_free" -> "PFree";
      case "pv_fmt" -> "Fmt";
      case "pv_count" -> "#PV";
      case "lv_count" -> "#LV";
      case "snap_count" -> "#SN";
      case "move_pv" -> "Move";
      case "mirror_log" -> "Log";
      case "copy_percent" -> "Cpy%Sync";
      case "convert_lv" -> "Convert";
      case "lv_path" -> "Path";
      case "lv_active" -> "Active";
      case "vg_extent_size" -> "Ext";
      default -> f;
    };
  }
}
