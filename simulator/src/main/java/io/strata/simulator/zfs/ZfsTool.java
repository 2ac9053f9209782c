package io.strata.simulator.zfs;

import io.strata.executors.host.Result;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.cmd.Tool;
import io.strata.simulator.state.SimNode;
import io.strata.simulator.state.ZfsDataset;
import io.strata.simulator.state.ZpoolState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Simulated {@code zfs} (list, get, create, set, inherit, destroy, snapshot, rollback). */
public final class ZfsTool implements Tool {
  @Override
  public Result run(Invocation inv) {
    List<String> a = inv.args();
    if (a.isEmpty()) {
      return inv.fail(2, "usage: zfs command args ...\n");
    }
    try {
      String out =
          switch (a.get(0)) {
            case "list" -> list(inv, a.subList(1, a.size()));
            case "get" -> get(inv, a.subList(1, a.size()));
            case "create" -> ZfsModify.create(inv, a.subList(1, a.size()));
            case "set" -> ZfsModify.set(inv, a.subList(1, a.size()));
            case "inherit" -> ZfsModify.inherit(inv, a.subList(1, a.size()));
            case "destroy" -> ZfsModify.destroy(inv, a.subList(1, a.size()));
            case "snapshot", "snap" -> ZfsModify.snapshot(inv, a.subList(1, a.size()));
            case "rollback" -> ZfsModify.rollback(inv, a.subList(1, a.size()));
            case "clone" -> ZfsModify.cloneOf(inv, a.subList(1, a.size()));
            default ->
                throw ZfsFail.usage(
                    "unrecognized command '" + a.get(0) + "'\nusage: zfs command args ...");
          };
      return inv.ok(out);
    } catch (ZfsFail f) {
      return inv.fail(f.rc, f.getMessage());
    }
  }

  static ZpoolState pool(SimNode n, String dataset) {
    return n.zpools.get(dataset.split("[/@]", 2)[0]);
  }

  static ZfsDataset dataset(SimNode n, String name) throws ZfsFail {
    ZpoolState p = pool(n, name);
    ZfsDataset d = p == null ? null : p.datasets.get(name);
    if (d == null) {
      throw ZfsFail.error("cannot open '" + name + "': dataset does not exist");
    }
    return d;
  }

  /** One row to print: a dataset, or a pool's root filesystem when {@code ds} is null. */
  private record Row(ZpoolState pool, ZfsDataset ds) {
    String value(String prop, boolean p) {
      return ds == null ? ZfsProps.rootValue(pool, prop, p) : ZfsProps.value(pool, ds, prop, p);
    }

    String type() {
      return ds == null ? "filesystem" : ds.type;
    }

    String name() {
      return ds == null ? pool.name : ds.name;
    }
  }

  private static List<Row> rows(
      SimNode n, List<String> names, boolean recursive, List<String> types) throws ZfsFail {
    List<Row> out = new ArrayList<>();
    List<ZpoolState> pools = new ArrayList<>(n.zpools.values());
    if (names.isEmpty()) {
      recursive = true;
    }
    for (ZpoolState p : pools) {
      List<Row> all = new ArrayList<>();
      all.add(new Row(p, null));
      p.datasets.values().forEach(d -> all.add(new Row(p, d)));
      for (Row r : all) {
        boolean wanted = names.isEmpty();
        for (String name : names) {
          wanted |=
              r.name().equals(name)
                  || (recursive
                      && (r.name().startsWith(name + "/") || r.name().startsWith(name + "@")));
        }
        if (wanted && (types.isEmpty() || types.contains(r.type()) || types.contains("all"))) {
          out.add(r);
        }
      }
    }
    for (String name : names) {
      ZpoolState p = pool(n, name);
      if (p == null || (!name.equals(p.name) && !p.datasets.containsKey(name))) {
        throw ZfsFail.error("cannot open '" + name + "': dataset does not exist");
      }
    }
    return out;
  }

  private static String list(Invocation inv, List<String> a) throws ZfsFail {
    boolean header = true;
    boolean parsable = false;
    boolean recursive = false;
    List<String> fields = List.of("name", "used", "avail", "refer", "mountpoint");
    List<String> types = List.of("filesystem", "volume");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      String s = a.get(i);
      if (s.startsWith("-")
          && s.length() > 1
          && !s.equals("-o")
          && !s.equals("-t")
          && !s.equals("-s")
          && !s.equals("-S")
          && !s.equals("-d")) {
        for (char c : s.substring(1).toCharArray()) {
          switch (c) {
            case 'H' -> header = false;
            case 'p' -> parsable = true;
            case 'r' -> recursive = true;
            default ->
                throw ZfsFail.usage(
                    "invalid option '"
                        + c
                        + "'\nusage:\n\tlist [-Hp] [-r|-d max] [-o property[,...]] [-s property]... [-S property]... [-t type[,...]] [filesystem|volume|snapshot] ...");
          }
        }
      } else if (s.equals("-o")) {
        fields = Arrays.asList(a.get(++i).split(","));
      } else if (s.equals("-t")) {
        types = Arrays.asList(a.get(++i).split(","));
      } else if (s.equals("-s") || s.equals("-S") || s.equals("-d")) {
        i++;
        recursive |= s.equals("-d");
      } else {
        names.add(s);
      }
    }
    for (String f : fields) {
      if (!ZfsProps.NATIVE.contains(f) && !ZfsProps.USER_PROP.matcher(f).matches()) {
        throw ZfsFail.usage("invalid field '" + f + "'");
      }
    }
    List<Row> rows = rows(inv.node(), names, recursive, types);
    StringBuilder sb = new StringBuilder();
    if (header) {
      sb.append(String.join("  ", fields.stream().map(f -> f.toUpperCase()).toList())).append('\n');
    }
    for (Row r : rows) {
      List<String> vals = new ArrayList<>();
      for (String f : fields) {
        vals.add(r.value(f, parsable));
      }
      sb.append(String.join(header ? "  " : "\t", vals)).append('\n');
    }
    if (rows.isEmpty() && header) {
      return "no datasets available\n";
    }
    return sb.toString();
  }

  private static String get(Invocation inv, List<String> a) throws ZfsFail {
    boolean header = true;
    boolean parsable = false;
    boolean recursive = false;
    List<String> fields = List.of("name", "property", "value", "source");
    List<String> types = List.of();
    List<String> pos = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      String s = a.get(i);
      switch (s) {
        case "-o" -> fields = Arrays.asList(a.get(++i).split(","));
        case "-t" -> types = Arrays.asList(a.get(++i).split(","));
        case "-s", "-d" -> i++;
        default -> {
          if (s.startsWith("-")) {
            header &= !s.contains("H");
            parsable |= s.contains("p");
            recursive |= s.contains("r");
          } else {
            pos.add(s);
          }
        }
      }
    }
    if (pos.size() < 2) {
      throw ZfsFail.usage(
          "missing property or dataset argument\nusage:\n\tget [-rHp] [-d max] [-o \"all\" | field[,...]] [-t type[,...]] [-s source[,...]]\n\t    <\"all\" | property[,...]> [filesystem|volume|snapshot|bookmark] ...");
    }
    List<String> props = Arrays.asList(pos.get(0).split(","));
    StringBuilder sb = new StringBuilder();
    for (Row r : rows(inv.node(), pos.subList(1, pos.size()), recursive, types)) {
      for (String prop : props) {
        List<String> vals = new ArrayList<>();
        for (String f : fields) {
          vals.add(
              switch (f) {
                case "name" -> r.name();
                case "property" -> prop;
                case "value" -> r.value(prop, parsable);
                case "source" -> r.ds() == null ? "-" : ZfsProps.source(r.ds(), prop);
                default -> "-";
              });
        }
        sb.append(String.join(header ? "  " : "\t", vals)).append('\n');
      }
    }
    return sb.toString();
  }
}
