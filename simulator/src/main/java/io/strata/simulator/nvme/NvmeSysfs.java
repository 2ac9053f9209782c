package io.strata.simulator.nvme;

import io.strata.simulator.cmd.NvmetView;
import io.strata.simulator.state.ClusterState;
import io.strata.simulator.state.NvmeController;
import io.strata.simulator.state.SimNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The initiator's sysfs as an agent reads it to find the block device of a connection: {@code
 * /sys/devices/virtual/nvme-fabrics/ctl/nvmeX/{subsysnqn,address,state,transport,nvmeXnY/nsid}},
 * {@code /sys/class/nvme/nvmeX/…} (same content) and {@code /sys/class/nvme-subsystem/}.
 */
public final class NvmeSysfs {
  private static final List<String> ROOTS =
      List.of("/sys/devices/virtual/nvme-fabrics/ctl", "/sys/class/nvme");
  private static final String SUBSYS = "/sys/class/nvme-subsystem";

  /** Where the subsystems really are (the class entries link here); readTree walks this one. */
  private static final String SUBSYS_DEVICES = "/sys/devices/virtual/nvme-subsystem";

  private NvmeSysfs() {}

  public static boolean handles(String path) {
    return ROOTS.stream().anyMatch(r -> path.equals(r) || path.startsWith(r + "/"))
        || subsystemPath(path) != null;
  }

  /** A path under either subsystem tree, as the same path under {@code /sys/class}, or null. */
  private static String subsystemPath(String path) {
    for (String r : List.of(SUBSYS, SUBSYS_DEVICES)) {
      if (path.equals(r) || path.startsWith(r + "/")) {
        return SUBSYS + path.substring(r.length());
      }
    }
    return null;
  }

  private static List<String> subsystems(SimNode n) {
    return n.nvme.values().stream().map(c -> c.subsysNqn).distinct().toList();
  }

  /** [root, controller or subsystem, rest…] split of a path, or null. */
  private static String[] split(String path) {
    for (String r : ROOTS) {
      if (path.equals(r) || path.startsWith(r + "/")) {
        return split(r, path.substring(r.length()));
      }
    }
    return split(SUBSYS, subsystemPath(path).substring(SUBSYS.length()));
  }

  /** {@code root} and the segments of {@code rest} ("" or "/a/b…"; trailing empty ones dropped). */
  private static String[] split(String root, String rest) {
    String[] segments = rest.length() <= 1 ? new String[0] : rest.substring(1).split("/");
    String[] out = new String[segments.length + 1];
    out[0] = root;
    System.arraycopy(segments, 0, out, 1, segments.length);
    return out;
  }

  public static List<String> list(ClusterState cs, SimNode n, String dir) {
    String[] p = split(dir);
    List<String> out = new ArrayList<>();
    if (p[0].equals(SUBSYS)) {
      List<String> subs = subsystems(n);
      if (p.length == 1) {
        for (int i = 0; i < subs.size(); i++) {
          out.add("nvme-subsys" + i);
        }
      } else if (p.length == 2 && p[1].startsWith("nvme-subsys")) {
        int i = Integer.parseInt(p[1].substring("nvme-subsys".length()));
        if (i < subs.size()) {
          out.add("subsysnqn");
          for (NvmeController c : n.nvme.values()) {
            if (c.subsysNqn.equals(subs.get(i))) {
              out.add(c.name);
              NvmetView.liveNsids(cs, c).forEach(ns -> out.add(c.name + "n" + ns));
            }
          }
        }
      }
      return out.stream().sorted().toList();
    }
    if (p.length == 1) {
      return List.copyOf(n.nvme.keySet());
    }
    NvmeController c = n.nvme.get(p[1]);
    if (c == null) {
      return List.of();
    }
    if (p.length == 2) {
      out.addAll(List.of("address", "state", "subsysnqn", "transport", "hostnqn", "hostid"));
      NvmetView.liveNsids(cs, c).forEach(ns -> out.add(c.name + "n" + ns));
    } else if (p.length == 3 && read(cs, n, dir + "/nsid").isPresent()) {
      out.addAll(List.of("nsid", "size"));
    }
    return out.stream().sorted().toList();
  }

  public static Optional<String> read(ClusterState cs, SimNode n, String path) {
    String[] p = split(path);
    if (p[0].equals(SUBSYS)) {
      List<String> subs = subsystems(n);
      if (p.length == 3 && p[2].equals("subsysnqn") && p[1].startsWith("nvme-subsys")) {
        int i = Integer.parseInt(p[1].substring("nvme-subsys".length()));
        return i < subs.size() ? Optional.of(subs.get(i) + "\n") : Optional.empty();
      }
      return Optional.empty();
    }
    NvmeController c = p.length > 1 ? n.nvme.get(p[1]) : null;
    if (c == null) {
      return Optional.empty();
    }
    if (p.length == 3) {
      String v =
          switch (p[2]) {
            case "subsysnqn" -> c.subsysNqn;
            case "address" -> "traddr=" + c.traddr + ",trsvcid=" + c.trsvcid;
            case "state" -> NvmetView.pathState(cs, c);
            case "transport" -> c.transport;
            case "hostnqn" -> c.hostNqn;
            case "hostid" -> c.hostId;
            default -> null;
          };
      return Optional.ofNullable(v).map(s -> s + "\n");
    }
    if (p.length == 4) {
      for (int ns : NvmetView.liveNsids(cs, c)) {
        if (p[2].equals(c.name + "n" + ns)) {
          if (p[3].equals("nsid")) {
            return Optional.of(ns + "\n");
          }
          if (p[3].equals("size")) {
            return Optional.of(NvmetView.remoteSize(cs, c, ns) / 512 + "\n");
          }
        }
      }
    }
    return Optional.empty();
  }
}
