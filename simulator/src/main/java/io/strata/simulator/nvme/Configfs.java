package io.strata.simulator.nvme;

import static io.strata.simulator.cmd.NvmetView.PORTS;
import static io.strata.simulator.cmd.NvmetView.ROOT;
import static io.strata.simulator.cmd.NvmetView.SUBSYSTEMS;

import io.strata.simulator.cmd.Devices;
import io.strata.simulator.cmd.Ids;
import io.strata.simulator.cmd.NvmetView;
import io.strata.simulator.state.ClusterState;
import io.strata.simulator.state.FileEntry;
import io.strata.simulator.state.SimNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * nvmet's configfs: directories appear when written under (like mkdir), attribute writes obey the
 * kernel's rules, links model {@code ln -s} (a written empty marker at a link path is taken as the
 * link too).
 */
public final class Configfs {
  private static final Map<String, String> SUBSYS_ATTRS =
      Map.of(
          "attr_allow_any_host",
          "0",
          "attr_model",
          "Linux",
          "attr_version",
          "1.3",
          "attr_serial",
          "0000000000000000",
          "attr_cntlid_min",
          "1",
          "attr_cntlid_max",
          "65519",
          "attr_pi_enable",
          "0",
          "attr_qid_max",
          "128");
  private static final Map<String, String> NS_ATTRS =
      Map.of(
          "device_path",
          "",
          "device_uuid",
          "00000000-0000-0000-0000-000000000000",
          "device_nguid",
          "00000000-0000-0000-0000-000000000000",
          "enable",
          "0",
          "ana_grpid",
          "1",
          "buffered_io",
          "0");
  private static final Map<String, String> PORT_ATTRS =
      Map.of(
          "addr_trtype",
          "",
          "addr_adrfam",
          "",
          "addr_traddr",
          "",
          "addr_trsvcid",
          "",
          "addr_treq",
          "not specified",
          "param_inline_data_size",
          "-1");

  private Configfs() {}

  static UncheckedIOException errno(String path, String text) {
    return new UncheckedIOException(new IOException(path + ": " + text));
  }

  /** Path segments below the nvmet root. */
  private static String[] rel(String path) {
    String r = path.length() > ROOT.length() ? path.substring(ROOT.length() + 1) : "";
    return r.isEmpty() ? new String[0] : r.split("/");
  }

  private static boolean isLinkPath(String[] p) {
    return (p.length == 4 && p[0].equals("ports") && p[2].equals("subsystems"))
        || (p.length == 4 && p[0].equals("subsystems") && p[2].equals("allowed_hosts"));
  }

  public static void write(ClusterState cs, SimNode n, String path, String value) {
    String[] p = rel(path);
    String v = value.strip();
    if (isLinkPath(p)) {
      String target = p[0].equals("ports") ? SUBSYSTEMS + p[3] : ROOT + "/hosts/" + p[3];
      link(n, target, path);
      return;
    }
    if (p.length == 3 && p[0].equals("subsystems") && p[2].equals("attr_allow_any_host")) {
      if (v.equals("1")
          && !n.links
              .subMap(
                  SUBSYSTEMS + p[1] + "/allowed_hosts/",
                  SUBSYSTEMS + p[1] + "/allowed_hosts/\uffff")
              .isEmpty()) {
        throw errno(
            path, "Invalid argument (can't set allow_any_host when explicit hosts are set)");
      }
    } else if (p.length == 5 && p[0].equals("subsystems") && p[2].equals("namespaces")) {
      String dir = SUBSYSTEMS + p[1] + "/namespaces/" + p[3];
      boolean enabled = NvmetView.attr(n, dir + "/enable", "0").equals("1");
      switch (p[4]) {
        case "device_path", "device_uuid", "device_nguid", "buffered_io" -> {
          if (enabled) {
            throw errno(path, "Device or resource busy");
          }
          if (p[4].equals("device_path") && v.isEmpty()) {
            throw errno(path, "Invalid argument");
          }
          if (p[4].equals("device_uuid")) {
            v = uuid(path, v);
          }
        }
        case "enable" -> {
          if (v.equals("1") && !enabled) {
            String dev = NvmetView.attr(n, dir + "/device_path", "");
            if (Devices.resolve(cs, n, dev).isEmpty()) {
              throw errno(
                  path, "No such file or directory (device_path '" + dev + "' cannot be opened)");
            }
          }
        }
        case "revalidate_size" -> {
          if (!enabled) {
            throw errno(path, "Invalid argument (enable ns before revalidate)");
          }
          return;
        }
        default -> {}
      }
    } else if (p.length == 3 && p[0].equals("ports")) {
      portId(path, p[1]);
      if (!NvmetView.portSubsystems(n, p[1]).isEmpty()) {
        throw errno(
            path, "Permission denied (disable port " + p[1] + " before changing attribute)");
      }
      if (p[2].equals("addr_traddr")) {
        cs.meta().listeners().add(v.strip(), n.name);
      }
    } else if (p.length == 2 && p[0].equals("ports")) {
      portId(path, p[1]);
    }
    mkdir(cs, n, SimNode.parent(path));
    n.files.put(path, new FileEntry(v, 0644));
  }

  /**
   * {@code mkdir -p} inside configfs. A new namespace gets a random {@code device_uuid}, as {@code
   * nvmet_ns_alloc} gives it (uuid_gen): re-creating a namespace changes its identity unless the
   * exporter writes one (decision 032).
   */
  public static void mkdir(ClusterState cs, SimNode n, String dir) {
    String[] p = rel(dir);
    boolean namespace =
        p.length == 4 && p[0].equals("subsystems") && p[2].equals("namespaces") && !n.exists(dir);
    n.mkdirs(dir);
    if (namespace) {
      String random =
          Ids.uuid(n.name + "/nvmet-ns/" + cs.meta().counters().newGeneration()).toString();
      n.files.put(dir + "/device_uuid", new FileEntry(random, 0644));
    }
  }

  /** The kernel's uuid_parse: 36 characters, dashes at 8, 13, 18 and 23, hex elsewhere. */
  private static String uuid(String path, String v) {
    if (v.length() != 36) {
      throw errno(path, "Invalid argument");
    }
    for (int i = 0; i < 36; i++) {
      char c = v.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : Character.digit(c, 16) < 0) {
        throw errno(path, "Invalid argument");
      }
    }
    return v.toLowerCase(java.util.Locale.ROOT);
  }

  private static void portId(String path, String id) {
    try {
      int port = Integer.parseInt(id);
      if (port < 0 || port > 65535) {
        throw errno(path, "Invalid argument");
      }
    } catch (NumberFormatException e) {
      throw errno(path, "Invalid argument");
    }
  }

  /** {@code ln -s target link} inside configfs. */
  public static void link(SimNode n, String target, String link) {
    String[] p = rel(link);
    if (!isLinkPath(p)) {
      throw errno(link, "Operation not permitted");
    }
    if (n.links.containsKey(link)) {
      throw errno(link, "File exists");
    }
    if (p[0].equals("ports")) {
      if (!n.exists(SUBSYSTEMS + p[3])) {
        throw errno(link, "No such file or directory");
      }
      String trtype = NvmetView.attr(n, PORTS + p[1] + "/addr_trtype", "");
      if (!Set.of("tcp", "rdma", "loop", "fc").contains(trtype)) {
        throw errno(link, "Invalid argument (transport type not supported)");
      }
    } else {
      if (NvmetView.attr(n, SUBSYSTEMS + p[1] + "/attr_allow_any_host", "0").equals("1")) {
        throw errno(link, "Invalid argument (can't add hosts when allow_any_host is set!)");
      }
      n.mkdirs(ROOT + "/hosts/" + p[3]);
    }
    n.mkdirs(SimNode.parent(link));
    n.links.put(link, target);
  }

  public static Optional<String> read(SimNode n, String path) {
    FileEntry f = n.files.get(path);
    if (f != null) {
      return Optional.of(f.content() + "\n");
    }
    if (n.links.containsKey(path)) {
      return Optional.empty();
    }
    String dir = SimNode.parent(path);
    String name = path.substring(dir.length() + 1);
    if (n.exists(dir)) {
      String d = defaultsFor(dir).get(name);
      if (d != null) {
        return Optional.of(d + "\n");
      }
    }
    return Optional.empty();
  }

  private static Map<String, String> defaultsFor(String dir) {
    String[] p = rel(dir);
    if (p.length == 2 && p[0].equals("subsystems")) {
      return SUBSYS_ATTRS;
    }
    if (p.length == 4 && p[0].equals("subsystems") && p[2].equals("namespaces")) {
      return NS_ATTRS;
    }
    if (p.length == 2 && p[0].equals("ports")) {
      return PORT_ATTRS;
    }
    return Map.of();
  }

  /** Entries configfs shows in a directory without anyone creating them. */
  public static List<String> defaults(SimNode n, String dir) {
    String[] p = rel(dir);
    if (p.length == 0) {
      return List.of("hosts", "ports", "subsystems");
    }
    if (!n.exists(dir)) {
      return List.of();
    }
    java.util.ArrayList<String> out = new java.util.ArrayList<>(defaultsFor(dir).keySet());
    if (p.length == 2 && p[0].equals("subsystems")) {
      out.addAll(List.of("allowed_hosts", "namespaces", "passthru"));
    }
    if (p.length == 2 && p[0].equals("ports")) {
      out.addAll(List.of("ana_groups", "referrals", "subsystems"));
    }
    return out;
  }

  /** {@code rmdir} (directory) or {@code rm} (link) in configfs; the kernel's refusals. */
  public static void remove(ClusterState cs, SimNode n, String path, boolean dirOnly) {
    String[] p = rel(path);
    if (n.links.containsKey(path)) {
      if (dirOnly) {
        throw errno(path, "Not a directory");
      }
      n.links.remove(path);
      return;
    }
    if (!n.exists(path)) {
      throw errno(path, "No such file or directory");
    }
    if (!dirOnly) {
      throw errno(path, n.files.containsKey(path) ? "Operation not permitted" : "Is a directory");
    }
    if (p.length == 2 && p[0].equals("subsystems")) {
      for (Map.Entry<String, String> l : n.links.entrySet()) {
        if (l.getValue().equals(path)) {
          throw errno(path, "Device or resource busy");
        }
      }
      if (n.exists(path + "/namespaces/")
          || !defaults(n, path + "/namespaces").isEmpty()
          || !n.links.subMap(path + "/allowed_hosts/", path + "/allowed_hosts/\uffff").isEmpty()) {
        throw errno(path, "Directory not empty");
      }
    } else if (p.length == 2 && p[0].equals("ports")) {
      if (!NvmetView.portSubsystems(n, p[1]).isEmpty()) {
        throw errno(path, "Directory not empty");
      }
    } else if (p.length == 2 && p[0].equals("hosts")) {
      for (String target : n.links.values()) {
        if (target.equals(path)) {
          throw errno(path, "Device or resource busy");
        }
      }
    } else if (!(p.length == 4 && p[2].equals("namespaces"))) {
      throw errno(path, "Operation not permitted");
    }
    String prefix = path + "/";
    n.files.subMap(prefix, prefix + '\uffff').clear();
    n.files.remove(path);
    n.dirs.subSet(prefix, prefix + '\uffff').clear();
    n.dirs.remove(path);
  }
}
