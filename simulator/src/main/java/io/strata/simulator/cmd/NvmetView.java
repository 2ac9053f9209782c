package io.strata.simulator.cmd;

import io.strata.simulator.state.ClusterState;
import io.strata.simulator.state.Content;
import io.strata.simulator.state.FileEntry;
import io.strata.simulator.state.NvmeController;
import io.strata.simulator.state.SimNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the nvmet configfs tree of a simulated node (its files, links and directories). */
public final class NvmetView {
  public static final String ROOT = "/sys/kernel/config/nvmet";
  public static final String SUBSYSTEMS = ROOT + "/subsystems/";
  public static final String PORTS = ROOT + "/ports/";

  private NvmetView() {}

  /**
   * An enabled namespace of a subsystem, with the identifiers an initiator compares on reconnect:
   * {@code device_uuid} and {@code device_nguid} (the lab's kernels drop the device when either
   * changed).
   */
  public record Namespace(String nqn, int nsid, String devicePath, String identity) {}

  private static final String NO_UUID = "00000000-0000-0000-0000-000000000000";

  public static String attr(SimNode n, String path, String dflt) {
    FileEntry f = n.files.get(path);
    return f == null ? dflt : f.content().strip();
  }

  public static List<Namespace> enabledNamespaces(SimNode n) {
    return enabledUnder(n, SUBSYSTEMS);
  }

  /**
   * The enabled namespaces of subsystem {@code nqn} only: an initiator asks for its controller's,
   * and a scan of every subsystem's attributes per controller was a fifth of a probe's time.
   */
  public static List<Namespace> enabledNamespaces(SimNode n, String nqn) {
    return enabledUnder(n, SUBSYSTEMS + nqn + "/");
  }

  private static List<Namespace> enabledUnder(SimNode n, String under) {
    List<Namespace> out = new ArrayList<>();
    for (Map.Entry<String, FileEntry> e : n.files.subMap(under, under + '\uffff').entrySet()) {
      if (!e.getKey().endsWith("/enable")) {
        continue; // most files are attributes; only split the switches
      }
      String rest = e.getKey().substring(SUBSYSTEMS.length());
      String[] p = rest.split("/");
      if (p.length == 4
          && p[1].equals("namespaces")
          && p[3].equals("enable")
          && e.getValue().content().strip().equals("1")) {
        String dir = SUBSYSTEMS + p[0] + "/namespaces/" + p[2];
        out.add(
            new Namespace(
                p[0],
                Integer.parseInt(p[2]),
                attr(n, dir + "/device_path", ""),
                attr(n, dir + "/device_uuid", NO_UUID)
                    + " "
                    + attr(n, dir + "/device_nguid", NO_UUID).toLowerCase(java.util.Locale.ROOT)));
      }
    }
    return out;
  }

  /** The subsystem NQNs linked to a port. */
  public static List<String> portSubsystems(SimNode n, String port) {
    String prefix = PORTS + port + "/subsystems/";
    List<String> out = new ArrayList<>();
    for (String link : n.links.subMap(prefix, prefix + '\uffff').keySet()) {
      out.add(link.substring(prefix.length()));
    }
    return out;
  }

  private static Optional<Devices.Dev> target(ClusterState cs, NvmeController c, int nsid) {
    Optional<SimNode> t = cs.existing(c.targetNode);
    if (t.isEmpty()) {
      return Optional.empty();
    }
    for (Namespace ns : enabledNamespaces(t.get(), c.subsysNqn)) {
      if (ns.nqn().equals(c.subsysNqn) && ns.nsid() == nsid) {
        return Devices.resolve(cs, t.get(), ns.devicePath());
      }
    }
    return Optional.empty();
  }

  /**
   * The controller's state as the kernel reports it: {@code live} while its target node exists and
   * links the subsystem to a port; otherwise {@code connecting} — nvme-tcp keeps retrying every
   * {@code reconnect_delay} until {@code ctrl_loss_tmo}, and reconnects by itself once the export
   * is back (seen on the lab's real kernels; a lost export is not "gone" to the initiator).
   */
  public static String pathState(ClusterState cs, NvmeController c) {
    Optional<SimNode> t = cs.existing(c.targetNode);
    if (t.isEmpty()) {
      return "connecting";
    }
    String suffix = "/subsystems/" + c.subsysNqn;
    for (String link : t.get().links.subMap(PORTS, PORTS + '\uffff').keySet()) {
      if (link.endsWith(suffix)) {
        return "live";
      }
    }
    return "connecting";
  }

  /** The enabled namespaces the target currently serves under the controller's subsystem. */
  public static List<Namespace> served(ClusterState cs, NvmeController c) {
    List<Namespace> out = new ArrayList<>();
    cs.existing(c.targetNode)
        .ifPresent(
            t -> {
              for (Namespace ns : enabledNamespaces(t, c.subsysNqn)) {
                if (ns.nqn().equals(c.subsysNqn)) {
                  out.add(ns);
                }
              }
            });
    return out;
  }

  /**
   * The namespace ids the controller has a block device for: those the target serves, except one
   * whose identifier changed since the initiator saw it — the kernel drops that one when it
   * reconnects ("identifiers changed for nsid N") until a rescan or a new connect (lab finding,
   * decision 032). A namespace disabled and re-enabled under a live path would be re-added by the
   * kernel through its change event; Strata never changes the identity of an enabled namespace, so
   * the model does not follow that path.
   */
  public static List<Integer> liveNsids(ClusterState cs, NvmeController c) {
    List<Integer> out = new ArrayList<>();
    for (Namespace ns : served(cs, c)) {
      String seen = c.nsIdentities.get(ns.nsid());
      if (seen == null || seen.equals(ns.identity())) {
        out.add(ns.nsid());
      }
    }
    return out;
  }

  /** What a connect or a rescan does: the controller takes the served namespaces as they are. */
  public static void scan(ClusterState cs, NvmeController c) {
    c.nsIdentities.clear();
    for (Namespace ns : served(cs, c)) {
      c.nsids.add(ns.nsid());
      c.nsIdentities.put(ns.nsid(), ns.identity());
    }
  }

  /**
   * The initiator's namespace devices whose path is down (the target no longer serves the
   * subsystem's namespaces): reading them blocks, as on a real kernel.
   */
  public static List<String> blockedDevices(ClusterState cs, io.strata.simulator.state.SimNode n) {
    List<String> out = new ArrayList<>();
    for (NvmeController c : n.nvme.values()) {
      if (served(cs, c).isEmpty()) {
        for (int ns : c.nsids.isEmpty() ? java.util.Set.of(1) : c.nsids) {
          out.add("/dev/" + c.name + "n" + ns);
        }
      }
    }
    return out;
  }

  public static long remoteSize(ClusterState cs, NvmeController c, int nsid) {
    return target(cs, c, nsid)
        .map(d -> Devices.size(cs, cs.existing(c.targetNode).get(), d))
        .orElse(0L);
  }

  public static Content remoteContent(ClusterState cs, NvmeController c, int nsid) {
    return target(cs, c, nsid)
        .map(d -> Devices.content(cs, cs.existing(c.targetNode).get(), d))
        .orElse(null);
  }
}
