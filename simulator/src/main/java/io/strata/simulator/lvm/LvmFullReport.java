package io.strata.simulator.lvm;

import io.strata.executors.host.Result;
import io.strata.simulator.cmd.Args.Opt;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.state.LvState;
import io.strata.simulator.state.VgState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code lvm fullreport}: per visible VG one report section with its {@code vg}, {@code pv}, {@code
 * lv}, {@code pvseg} and {@code seg} rows, in lvm2 2.03's JSON layout (captured in the executors'
 * fixture {@code captured/lvm-fullreport-json.out}). Each {@code --configreport TYPE} takes the
 * {@code -o} that follows it. The simulated VG has one PV and one segment per LV, so {@code seg}
 * has a row per LV and {@code pvseg} one per LV with extents of its own plus one of free space.
 */
final class LvmFullReport {
  private static final List<String> ORDER = List.of("vg", "pv", "lv", "pvseg", "seg");
  private static final List<Opt> OPTS =
      List.of(
          Opt.value("reportformat", "--reportformat"),
          Opt.value("units", "--units"),
          Opt.flag("nosuffix", "--nosuffix"),
          Opt.flag("readonly", "--readonly"));

  private LvmFullReport() {}

  static Result run(Invocation inv) throws LvmError {
    Map<String, List<String>> fields = new HashMap<>();
    List<String> rest = new ArrayList<>(List.of(inv.tool()));
    String current = null;
    List<String> a = inv.args();
    for (int i = 0; i < a.size(); i++) {
      String s = a.get(i);
      boolean configreport = s.equals("--configreport");
      boolean options = s.equals("-o") || s.equals("--options");
      if (!configreport && !options) {
        rest.add(s);
        continue;
      }
      if (i + 1 >= a.size()) {
        throw LvmError.badArgs(
            "fullreport: " + s + " needs an argument\n\n  Error during parsing of command line.");
      }
      String v = a.get(++i);
      if (configreport) {
        if (!ORDER.contains(v)) {
          throw LvmError.badArgs("Invalid argument for --configreport: " + v);
        }
        current = v;
      } else {
        if (current == null) {
          throw LvmError.badArgs("fullreport: -o before any --configreport is not simulated");
        }
        if (v.isBlank()) {
          throw LvmError.badArgs("Invalid options string: " + v);
        }
        List<String> fs = new ArrayList<>();
        String as = current.equals("pvseg") ? "pv" : current.equals("seg") ? "lv" : current;
        for (String f : v.split(",")) {
          fs.add(LvmReport.resolve(as, f.trim()));
        }
        fields.put(current, fs);
      }
    }
    for (String k : ORDER) {
      if (!fields.containsKey(k)) {
        throw LvmError.badArgs(
            "fullreport: the default fields of the " + k + " report are not simulated; give -o");
      }
    }
    LvmContext c =
        LvmContext.of(
            new Invocation(
                inv.cluster(), inv.node(), rest, inv.stdin(), inv.nowMillis(), inv.syncRate()),
            OPTS);
    if (!"json".equals(c.args.value("reportformat"))) {
      throw LvmError.badArgs("fullreport: only --reportformat json is simulated");
    }
    List<String> names = c.args.positionals();
    for (String n : names) {
      c.vg(n); // "Volume group … not found", rc 5
    }
    List<Map<String, List<Map<String, String>>>> sections = new ArrayList<>();
    for (VgState vg : c.vgs().values()) {
      if (!names.isEmpty() && !names.contains(vg.name)) {
        continue;
      }
      Map<String, List<Map<String, String>>> section = new LinkedHashMap<>();
      section.put("vg", List.of(LvmReport.row(c, false, fields.get("vg"), vg, null)));
      section.put("pv", List.of(LvmReport.row(c, true, fields.get("pv"), vg, null)));
      List<Map<String, String>> lvs = new ArrayList<>();
      List<Map<String, String>> pvsegs = new ArrayList<>();
      List<Map<String, String>> segs = new ArrayList<>();
      for (LvState lv : vg.lvs.values()) {
        lvs.add(LvmReport.row(c, false, fields.get("lv"), vg, lv));
        segs.add(LvmReport.row(c, false, fields.get("seg"), vg, lv));
        if (!lv.thinVolume()) {
          pvsegs.add(LvmReport.row(c, true, fields.get("pvseg"), vg, null));
        }
      }
      pvsegs.add(LvmReport.row(c, true, fields.get("pvseg"), vg, null)); // free space
      section.put("lv", lvs);
      section.put("pvseg", pvsegs);
      section.put("seg", segs);
      sections.add(section);
    }
    return inv.ok(json(sections));
  }

  /** lvm2's layout, byte for byte: sections joined by a lone comma line, as are their reports. */
  private static String json(List<Map<String, List<Map<String, String>>>> sections) {
    StringBuilder sb = new StringBuilder("  {\n      \"report\": [\n");
    for (int s = 0; s < sections.size(); s++) {
      if (s > 0) {
        sb.append("          ,\n");
      }
      sb.append("          {\n");
      int k = 0;
      for (Map.Entry<String, List<Map<String, String>>> e : sections.get(s).entrySet()) {
        if (k++ > 0) {
          sb.append("              ,\n");
        }
        sb.append("              \"").append(e.getKey()).append("\": [\n");
        List<Map<String, String>> rows = e.getValue();
        for (int i = 0; i < rows.size(); i++) {
          sb.append("                  {");
          int j = 0;
          for (Map.Entry<String, String> f : rows.get(i).entrySet()) {
            if (j++ > 0) {
              sb.append(", ");
            }
            sb.append('"')
                .append(f.getKey())
                .append("\":\"")
                .append(LvmReport.escape(f.getValue()))
                .append('"');
          }
          sb.append('}').append(i + 1 < rows.size() ? "," : "").append('\n');
        }
        sb.append("              ]\n");
      }
      sb.append("          }\n");
    }
    return sb.append("      ]\n  }\n").toString();
  }
}
