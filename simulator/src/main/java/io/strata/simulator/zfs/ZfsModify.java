package io.strata.simulator.zfs;

import io.strata.simulator.cmd.DataLedger;
import io.strata.simulator.cmd.Devices;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.state.Content;
import io.strata.simulator.state.SimNode;
import io.strata.simulator.state.ZfsDataset;
import io.strata.simulator.state.ZpoolState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The zfs commands that change datasets. */
final class ZfsModify {
  private ZfsModify() {}

  private static Map<String, String> props(List<String> a, List<String> pos, StringBuilder flags)
      throws ZfsFail {
    Map<String, String> props = new LinkedHashMap<>();
    for (int i = 0; i < a.size(); i++) {
      String s = a.get(i);
      if (s.equals("-o") || s.equals("-V") || s.equals("-b")) {
        if (i + 1 >= a.size()) {
          throw ZfsFail.usage("missing argument for '" + s + "' option");
        }
        String v = a.get(++i);
        if (s.equals("-V")) {
          props.put("volsize", v);
        } else if (s.equals("-b")) {
          props.put("volblocksize", v);
        } else {
          int eq = v.indexOf('=');
          if (eq <= 0) {
            throw ZfsFail.usage("missing '=' for property=value argument");
          }
          props.put(v.substring(0, eq), v.substring(eq + 1));
        }
      } else if (s.startsWith("-")) {
        flags.append(s.substring(1));
      } else {
        pos.add(s);
      }
    }
    return props;
  }

  static String create(Invocation inv, List<String> a) throws ZfsFail {
    List<String> pos = new ArrayList<>();
    StringBuilder flags = new StringBuilder();
    Map<String, String> props = props(a, pos, flags);
    if (pos.size() != 1) {
      throw ZfsFail.usage(
          "missing filesystem argument\nusage:\n\tcreate [-Pnpuv] [-o property=value] ... <filesystem>\n\tcreate [-Pnpsv] [-b blocksize] [-o property=value] ... -V <size> <volume>");
    }
    String name = pos.get(0);
    String err = "cannot create '" + name + "': ";
    SimNode n = inv.node();
    ZpoolState pool = ZfsTool.pool(n, name);
    if (pool == null) {
      throw ZfsFail.error(err + "no such pool '" + name.split("/")[0] + "'");
    }
    int slash = name.lastIndexOf('/');
    if (slash < 0 || name.contains("@")) {
      throw ZfsFail.error(err + "parent does not exist");
    }
    String parent = name.substring(0, slash);
    if (!parent.equals(pool.name)) {
      ZfsDataset p = pool.datasets.get(parent);
      if (p == null && flags.indexOf("p") >= 0 && !props.containsKey("volsize")) {
        // -p: the missing parents are filesystems too
        create(inv, List.of("-p", parent));
      } else if (p == null) {
        throw ZfsFail.error(err + "parent does not exist");
      } else if (!p.isFilesystem()) {
        throw ZfsFail.error(err + "parent is not a filesystem");
      }
    }
    if (pool.datasets.containsKey(name)) {
      throw ZfsFail.error(err + "dataset already exists");
    }
    if (!props.containsKey("volsize")) {
      ZfsDataset fs = ZfsDataset.filesystem(name);
      for (Map.Entry<String, String> e : props.entrySet()) {
        check(err, e.getKey());
        fs.userProps.put(e.getKey(), e.getValue());
      }
      fs.createTxg = inv.cluster().meta().counters().nextGeneration;
      pool.datasets.put(name, fs);
      return "";
    }
    ZfsDataset d = new ZfsDataset();
    d.name = name;
    if (props.containsKey("volblocksize")) {
      d.volblocksize =
          parse(
              props.get("volblocksize"),
              err + "bad volblocksize '" + props.get("volblocksize") + "'");
      if (Long.bitCount(d.volblocksize) != 1 || d.volblocksize < 512 || d.volblocksize > 131072) {
        throw ZfsFail.error(err + "'volblocksize' must be power of 2 from 512B to 128KB");
      }
    }
    long size = parse(props.get("volsize"), err + "bad volume size '" + props.get("volsize") + "'");
    if (size == 0) {
      throw ZfsFail.error(err + "volume size cannot be zero");
    }
    d.volsize = (size + d.volblocksize - 1) / d.volblocksize * d.volblocksize;
    boolean sparse = flags.indexOf("s") >= 0 || "none".equals(props.get("refreservation"));
    d.refreservation = sparse ? 0 : ZfsProps.reservation(d.volsize, d.volblocksize);
    for (Map.Entry<String, String> e : props.entrySet()) {
      String k = e.getKey();
      if (k.equals("volsize") || k.equals("volblocksize") || k.equals("refreservation")) {
        continue;
      }
      check(err, k);
      d.userProps.put(k, e.getValue());
    }
    if (d.refreservation > pool.free()) {
      throw ZfsFail.error(err + "out of space");
    }
    d.createTxg = inv.cluster().meta().counters().nextGeneration;
    d.content = DataLedger.fresh(inv);
    pool.datasets.put(name, d);
    return "";
  }

  private static void check(String err, String prop) throws ZfsFail {
    if (ZfsProps.USER_PROP.matcher(prop).matches()) {
      if (prop.length() > 256 || prop.startsWith("-")) {
        throw ZfsFail.error(err + "invalid property '" + prop + "'");
      }
    } else if (!ZfsProps.SETTABLE.contains(prop)) {
      throw ZfsFail.error(err + "invalid property '" + prop + "'");
    }
  }

  private static long parse(String v, String error) throws ZfsFail {
    try {
      return ZfsProps.parseSize(v);
    } catch (NumberFormatException | ArithmeticException e) {
      throw ZfsFail.error(error);
    }
  }

  static String set(Invocation inv, List<String> a) throws ZfsFail {
    List<String> pos = a.stream().filter(s -> !s.startsWith("-")).toList();
    if (pos.size() < 2 || !pos.get(0).contains("=")) {
      throw ZfsFail.usage(
          "missing property=value argument(s)\nusage:\n\tset <property=value> ... <filesystem|volume|snapshot> ...");
    }
    String name = pos.get(pos.size() - 1);
    ZfsDataset d = ZfsTool.dataset(inv.node(), name);
    ZpoolState pool = ZfsTool.pool(inv.node(), name);
    String err = "cannot set property for '" + name + "': ";
    for (String kv : pos.subList(0, pos.size() - 1)) {
      String k = kv.substring(0, kv.indexOf('='));
      String v = kv.substring(kv.indexOf('=') + 1);
      switch (k) {
        case "volsize" -> {
          long size = parse(v, err + "bad volume size '" + v + "'");
          if (size == 0) {
            throw ZfsFail.error(err + "volume size cannot be zero");
          }
          if (size % d.volblocksize != 0) {
            throw ZfsFail.error(
                err
                    + "'volsize' must be a multiple of volume block size ("
                    + d.volblocksize / 1024
                    + "K)");
          }
          long resv =
              d.refreservation == ZfsProps.reservation(d.volsize, d.volblocksize)
                  ? ZfsProps.reservation(size, d.volblocksize)
                  : d.refreservation;
          if (resv - d.refreservation > pool.free()) {
            throw ZfsFail.error(err + "size is greater than available space");
          }
          if (size < d.volsize) {
            DataLedger.destroy(inv, "/dev/zvol/" + name, d.content, "shrink (zfs set volsize)");
          }
          d.volsize = size;
          d.refreservation = resv;
        }
        case "refreservation" ->
            d.refreservation =
                v.equals("none")
                    ? 0
                    : v.equals("auto")
                        ? ZfsProps.reservation(d.volsize, d.volblocksize)
                        : parse(v, err + "bad size '" + v + "'");
        case "volblocksize" -> throw ZfsFail.error(err + "'volblocksize' is readonly");
        default -> {
          check(err, k);
          d.userProps.put(k, v);
        }
      }
    }
    return "";
  }

  static String inherit(Invocation inv, List<String> a) throws ZfsFail {
    List<String> pos = a.stream().filter(s -> !s.startsWith("-")).toList();
    if (pos.size() < 2) {
      throw ZfsFail.usage(
          "missing property argument\nusage:\n\tinherit [-rS] <property> <filesystem|volume|snapshot> ...");
    }
    for (String name : pos.subList(1, pos.size())) {
      ZfsTool.dataset(inv.node(), name).userProps.remove(pos.get(0));
    }
    return "";
  }

  static String destroy(Invocation inv, List<String> a) throws ZfsFail {
    List<String> pos = a.stream().filter(s -> !s.startsWith("-")).toList();
    boolean recursive =
        a.stream().anyMatch(s -> s.startsWith("-") && (s.contains("r") || s.contains("R")));
    if (pos.size() != 1) {
      throw ZfsFail.usage(
          "missing dataset argument\nusage:\n\tdestroy [-fnpRrv] <filesystem|volume>\n\tdestroy [-dnpRrv] <filesystem|volume>@<snap>[%<snap>][,...]");
    }
    String name = pos.get(0);
    ZfsDataset d = ZfsTool.dataset(inv.node(), name);
    ZpoolState pool = ZfsTool.pool(inv.node(), name);
    List<ZfsDataset> children =
        pool.datasets.values().stream()
            .filter(x -> x.name.startsWith(name + "@") || x.name.startsWith(name + "/"))
            .toList();
    List<String> clones =
        pool.datasets.values().stream()
            .filter(x -> x.origin != null)
            .filter(x -> x.origin.equals(name) || x.origin.startsWith(name + "@"))
            .map(x -> x.name)
            .toList();
    if (!clones.isEmpty() && a.stream().noneMatch(s -> s.startsWith("-") && s.contains("R"))) {
      throw ZfsFail.error(
          "cannot destroy '"
              + name
              + "': "
              + (name.contains("@") ? "snapshot" : "filesystem")
              + " has dependent clones\nuse '-R' to destroy the following datasets:\n"
              + String.join("\n", clones));
    }
    if (!children.isEmpty() && !recursive) {
      StringBuilder sb =
          new StringBuilder(
              "cannot destroy '"
                  + name
                  + "': "
                  + d.type
                  + " has children\nuse '-r' to destroy the following datasets:");
      children.forEach(c -> sb.append('\n').append(c.name));
      throw ZfsFail.error(sb.toString());
    }
    String path = "/dev/zvol/" + name;
    if ("volume".equals(d.type) && Devices.held(inv.cluster(), inv.node(), path)) {
      throw ZfsFail.error("cannot destroy '" + name + "': dataset is busy");
    }
    for (ZfsDataset c : children) {
      if ("volume".equals(c.type)) {
        DataLedger.destroy(inv, "/dev/zvol/" + c.name, c.content, "zfs destroy -r");
        DataLedger.removed(inv, "/dev/zvol/" + c.name);
      }
      pool.datasets.remove(c.name);
    }
    if ("volume".equals(d.type)) {
      DataLedger.destroy(inv, path, d.content, "zfs destroy");
      DataLedger.removed(inv, path);
    }
    pool.datasets.remove(name);
    return "";
  }

  static String snapshot(Invocation inv, List<String> a) throws ZfsFail {
    List<String> pos = new ArrayList<>();
    Map<String, String> props = props(a, pos, new StringBuilder());
    if (pos.isEmpty()) {
      throw ZfsFail.usage(
          "missing snapshot argument\nusage:\n\tsnapshot [-r] [-o property=value] ... <filesystem|volume>@<snap> ...");
    }
    for (String snap : pos) {
      int at = snap.indexOf('@');
      if (at <= 0 || at == snap.length() - 1) {
        throw ZfsFail.error("cannot create snapshot '" + snap + "': invalid character '@' in name");
      }
      ZfsDataset origin = ZfsTool.dataset(inv.node(), snap.substring(0, at));
      ZpoolState pool = ZfsTool.pool(inv.node(), snap);
      if (pool.datasets.containsKey(snap)) {
        throw ZfsFail.error("cannot create snapshot '" + snap + "': dataset already exists");
      }
      ZfsDataset s = new ZfsDataset();
      s.name = snap;
      s.type = "snapshot";
      s.volsize = origin.volsize;
      s.volblocksize = origin.volblocksize;
      s.referenced = origin.referenced;
      s.userProps.putAll(props);
      Content copy = DataLedger.fresh(inv);
      if (origin.content != null) {
        origin.content.copyDataTo(copy);
      }
      s.content = copy;
      pool.datasets.put(snap, s);
    }
    return "";
  }

  /**
   * {@code zfs clone [-o property=value]… pool/vol@snap pool/new}: a zvol that shares the
   * snapshot's blocks and starts with its data; sparse unless a refreservation is asked for.
   */
  static String cloneOf(Invocation inv, List<String> a) throws ZfsFail {
    List<String> pos = new ArrayList<>();
    StringBuilder flags = new StringBuilder();
    Map<String, String> props = props(a, pos, flags);
    if (pos.size() != 2) {
      throw ZfsFail.usage(
          "missing source dataset argument\nusage:\n\tclone [-p] [-o property=value] ... <snapshot> <filesystem|volume>");
    }
    String from = pos.get(0);
    String name = pos.get(1);
    if (!from.contains("@")) {
      throw ZfsFail.error(
          "cannot open '" + from + "': operation not applicable to datasets of this type");
    }
    ZfsDataset snap = ZfsTool.dataset(inv.node(), from);
    String err = "cannot create '" + name + "': ";
    ZpoolState pool = ZfsTool.pool(inv.node(), name);
    if (pool == null || pool != ZfsTool.pool(inv.node(), from)) {
      throw ZfsFail.error(err + "source and target pools differ");
    }
    if (name.indexOf('/') < 0 || name.contains("@")) {
      throw ZfsFail.error(err + "parent does not exist");
    }
    if (pool.datasets.containsKey(name)) {
      throw ZfsFail.error(err + "dataset already exists");
    }
    ZfsDataset d = new ZfsDataset();
    d.name = name;
    d.origin = from;
    d.volsize = snap.volsize;
    d.volblocksize = snap.volblocksize;
    d.referenced = snap.referenced;
    String resv = props.remove("refreservation");
    d.refreservation =
        resv == null || "none".equals(resv)
            ? 0
            : "auto".equals(resv)
                ? ZfsProps.reservation(d.volsize, d.volblocksize)
                : parse(resv, err + "bad refreservation '" + resv + "'");
    for (Map.Entry<String, String> e : props.entrySet()) {
      check(err, e.getKey());
      d.userProps.put(e.getKey(), e.getValue());
    }
    if (d.refreservation > pool.free()) {
      throw ZfsFail.error(err + "out of space");
    }
    d.createTxg = inv.cluster().meta().counters().nextGeneration;
    d.content = DataLedger.fresh(inv);
    if (snap.content != null) {
      snap.content.copyDataTo(d.content);
    }
    pool.datasets.put(name, d);
    return "";
  }

  static String rollback(Invocation inv, List<String> a) throws ZfsFail {
    List<String> pos = a.stream().filter(s -> !s.startsWith("-")).toList();
    if (pos.size() != 1 || !pos.get(0).contains("@")) {
      throw ZfsFail.usage("missing snapshot argument\nusage:\n\trollback [-rRf] <snapshot>");
    }
    ZfsDataset snap = ZfsTool.dataset(inv.node(), pos.get(0));
    String volName = pos.get(0).substring(0, pos.get(0).indexOf('@'));
    ZfsDataset vol = ZfsTool.dataset(inv.node(), volName);
    DataLedger.destroy(inv, "/dev/zvol/" + volName, vol.content, "zfs rollback");
    if (snap.content != null) {
      snap.content.copyDataTo(vol.content);
    }
    return "";
  }
}
