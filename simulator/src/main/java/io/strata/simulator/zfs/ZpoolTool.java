package io.strata.simulator.zfs;

import io.strata.executors.host.Result;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.cmd.Tool;
import io.strata.simulator.state.ZpoolState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Simulated {@code zpool list} and {@code zpool get}. */
public final class ZpoolTool implements Tool {
  private static final List<String> DEFAULT =
      List.of(
          "name",
          "size",
          "alloc",
          "free",
          "ckpoint",
          "expandsz",
          "frag",
          "cap",
          "dedup",
          "health",
          "altroot");

  @Override
  public Result run(Invocation inv) {
    List<String> a = inv.args();
    if (a.isEmpty() || !(a.get(0).equals("list") || a.get(0).equals("get"))) {
      return inv.fail(
          2,
          a.isEmpty()
              ? "usage: zpool command args ...\n"
              : "unrecognized command '" + a.get(0) + "'\nusage: zpool command args ...\n");
    }
    boolean header = true;
    boolean p = false;
    List<String> fields =
        a.get(0).equals("list") ? DEFAULT : List.of("name", "property", "value", "source");
    List<String> pos = new ArrayList<>();
    for (int i = 1; i < a.size(); i++) {
      String s = a.get(i);
      if (s.equals("-o")) {
        fields = Arrays.asList(a.get(++i).split(","));
      } else if (s.startsWith("-")) {
        header &= !s.contains("H");
        p |= s.contains("p");
      } else {
        pos.add(s);
      }
    }
    List<String> props = List.of();
    if (a.get(0).equals("get")) {
      if (pos.isEmpty()) {
        return inv.fail(2, "missing property argument\n");
      }
      props = Arrays.asList(pos.get(0).split(","));
      pos = pos.subList(1, pos.size());
    }
    List<ZpoolState> pools = new ArrayList<>();
    for (String name : pos) {
      ZpoolState zp = inv.node().zpools.get(name);
      if (zp == null) {
        return inv.fail(1, "cannot open '" + name + "': no such pool\n");
      }
      pools.add(zp);
    }
    if (pos.isEmpty()) {
      pools.addAll(inv.node().zpools.values());
    }
    String sep = header ? "  " : "\t";
    StringBuilder sb = new StringBuilder();
    if (header) {
      sb.append(String.join(sep, fields.stream().map(f -> f.toUpperCase(Locale.ROOT)).toList()))
          .append('\n');
    }
    for (ZpoolState zp : pools) {
      if (a.get(0).equals("list")) {
        List<String> v = new ArrayList<>();
        for (String f : fields) {
          v.add(value(zp, f, p));
        }
        sb.append(String.join(sep, v)).append('\n');
      } else {
        for (String prop : props) {
          List<String> v = new ArrayList<>();
          for (String f : fields) {
            v.add(
                switch (f) {
                  case "name" -> zp.name;
                  case "property" -> prop;
                  case "value" -> value(zp, prop, p);
                  default -> "-";
                });
          }
          sb.append(String.join(sep, v)).append('\n');
        }
      }
    }
    return inv.ok(sb.toString());
  }

  private static String value(ZpoolState zp, String f, boolean p) {
    long alloc = zp.used() + 684032;
    return switch (f) {
      case "name" -> zp.name;
      case "size" -> ZfsProps.size(zp.sizeBytes, p);
      case "alloc", "allocated" -> ZfsProps.size(alloc, p);
      case "free" -> ZfsProps.size(Math.max(0, zp.sizeBytes - alloc), p);
      case "cap", "capacity" ->
          p ? Long.toString(alloc * 100 / zp.sizeBytes) : alloc * 100 / zp.sizeBytes + "%";
      case "frag", "fragmentation" -> p ? "0" : "0%";
      case "dedup", "dedupratio" -> p ? "1.00" : "1.00x";
      case "health" -> "ONLINE";
      case "guid" -> zp.guid;
      default -> "-";
    };
  }
}
