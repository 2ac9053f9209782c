package io.strata.simulator.nvme;

import io.strata.executors.host.Result;
import io.strata.simulator.cmd.Args;
import io.strata.simulator.cmd.Args.Opt;
import io.strata.simulator.cmd.Devices;
import io.strata.simulator.cmd.Ids;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.cmd.NvmetView;
import io.strata.simulator.cmd.Tool;
import io.strata.simulator.state.FileEntry;
import io.strata.simulator.state.NvmeController;
import io.strata.simulator.state.SimNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Simulated nvme-cli 2.3 as an NVMe-oF initiator. */
public final class NvmeTool implements Tool {
  private static final List<Opt> OPTS =
      List.of(
          Opt.value("transport", "-t", "--transport"),
          Opt.value("traddr", "-a", "--traddr"),
          Opt.value("trsvcid", "-s", "--trsvcid"),
          Opt.value("nqn", "-n", "--nqn"),
          Opt.value("hostnqn", "-q", "--hostnqn"),
          Opt.value("hostid", "-I", "--hostid"),
          Opt.value("device", "-d", "--device"),
          Opt.flag("duplicate", "-D", "--duplicate-connect"),
          Opt.value("ctrl-loss-tmo", "-l", "--ctrl-loss-tmo"),
          Opt.value("reconnect-delay", "-c", "--reconnect-delay"),
          Opt.value("keep-alive-tmo", "-k", "--keep-alive-tmo"),
          Opt.value("nr-io-queues", "-i", "--nr-io-queues"),
          Opt.value("dhchap-secret", "-S", "--dhchap-secret"),
          Opt.value("dhchap-ctrl-secret", "-C", "--dhchap-ctrl-secret"),
          Opt.value("config", "-J", "--config"),
          Opt.value("output", "-o", "--output-format"),
          Opt.flag("verbose", "-v", "--verbose"));

  @Override
  public Result run(Invocation inv) {
    if (inv.args().isEmpty()) {
      return inv.fail(1, "nvme-2.3\nusage: nvme <command> [<device>] [<args>]\n");
    }
    Args a;
    try {
      a = Args.parse(inv.args().subList(1, inv.args().size()), OPTS);
    } catch (Args.BadArgs e) {
      return inv.fail(22, "nvme: " + e.getMessage() + "\n");
    }
    return switch (inv.args().get(0)) {
      case "connect" -> connect(inv, a);
      case "disconnect" -> disconnect(inv, a);
      case "list-subsys" ->
          inv.ok(NvmeJson.listSubsys(inv, hostNqn(inv.node(), null), hostId(inv.node(), null)));
      case "list" -> inv.ok(NvmeJson.list(inv));
      case "show-hostnqn" -> inv.ok(hostNqn(inv.node(), null) + "\n");
      case "gen-hostnqn" ->
          inv.ok(
              "nqn.2014-08.org.nvmexpress:uuid:"
                  + Ids.uuid(
                      inv.node().name + "/gen/" + inv.cluster().meta().counters().newGeneration())
                  + "\n");
      case "ns-rescan" -> rescan(inv);
      case "disconnect-all" -> inv.ok("");
      case "version" -> inv.ok("nvme version 2.3 (git 2.3)\nlibnvme version 1.3 (git 1.3)\n");
      default ->
          inv.fail(
              1, "ERROR: Invalid sub-command '" + inv.args().get(0) + "' for plugin builtin\n");
    };
  }

  static String hostNqn(SimNode n, String given) {
    if (given != null) {
      return given;
    }
    FileEntry f = n.files.get("/etc/nvme/hostnqn");
    return f == null ? "" : f.content().strip();
  }

  static String hostId(SimNode n, String given) {
    if (given != null) {
      return given;
    }
    FileEntry f = n.files.get("/etc/nvme/hostid");
    return f == null ? "" : f.content().strip();
  }

  private static Result connect(Invocation inv, Args a) {
    String nqn = a.value("nqn");
    String traddr = a.value("traddr");
    String transport = a.value("transport");
    if (nqn == null || transport == null || traddr == null) {
      return inv.fail(22, "required argument [--nqn | -n] not specified\n");
    }
    String trsvcid = a.value("trsvcid") == null ? "4420" : a.value("trsvcid");
    String hostNqn = hostNqn(inv.node(), a.value("hostnqn"));
    String hostId = hostId(inv.node(), a.value("hostid"));
    for (NvmeController c : inv.node().nvme.values()) {
      if (c.subsysNqn.equals(nqn)
          && c.traddr.equals(traddr)
          && c.trsvcid.equals(trsvcid)
          && c.hostNqn.equals(hostNqn)
          && !a.has("duplicate")) {
        return inv.fail(
            114,
            "Failed to write to /dev/nvme-fabrics: Operation already in progress\n"
                + "could not add new controller: already connected\n");
      }
    }
    // the nodes that configured a port on this address first (O(1)); every node only when they
    // do not answer, so the outcome and its error are the same as a full search
    Listener found =
        find(
            inv,
            inv.cluster().meta().listeners().of(traddr),
            transport,
            traddr,
            trsvcid,
            nqn,
            hostNqn);
    if (found.target() == null) {
      found = find(inv, inv.cluster().names(), transport, traddr, trsvcid, nqn, hostNqn);
    }
    boolean listening = found.listening();
    String target = found.target();
    if (!listening) {
      return inv.fail(
          1,
          "Failed to write to /dev/nvme-fabrics: Connection refused\n"
              + "could not add new controller: failed to write to nvme-fabrics device\n");
    }
    if (target == null) {
      return inv.fail(
          1,
          "Failed to write to /dev/nvme-fabrics: Input/output error\n"
              + "could not add new controller: failed to write to nvme-fabrics device\n");
    }
    int instance = 0;
    List<Integer> used = inv.node().nvme.values().stream().map(c -> c.instance).toList();
    while (used.contains(instance)) {
      instance++;
    }
    NvmeController c = new NvmeController();
    c.instance = instance;
    c.name = "nvme" + instance;
    c.subsysNqn = nqn;
    c.transport = transport;
    c.traddr = traddr;
    c.trsvcid = trsvcid;
    c.hostNqn = hostNqn;
    c.hostId = hostId;
    c.targetNode = target;
    NvmetView.scan(inv.cluster(), c);
    inv.node().nvme.put(c.name, c);
    return inv.ok(
        "json".equals(a.value("output")) ? "{\n  \"device\":\"" + c.name + "\"\n}\n" : "");
  }

  /** Whether some port listens on the address, and which node exports {@code nqn} to the host. */
  private record Listener(boolean listening, String target) {}

  private static Listener find(
      Invocation inv,
      Collection<String> nodes,
      String transport,
      String traddr,
      String trsvcid,
      String nqn,
      String hostNqn) {
    String target = null;
    boolean listening = false;
    for (String name : nodes) {
      SimNode t = inv.cluster().peek(name).orElse(null);
      if (t == null) {
        continue;
      }
      for (String port : portIds(t)) {
        String dir = NvmetView.PORTS + port;
        String addr = NvmetView.attr(t, dir + "/addr_traddr", "");
        if (!NvmetView.attr(t, dir + "/addr_trtype", "").equals(transport)
            || !(addr.equals(traddr) || addr.equals("0.0.0.0"))
            || !NvmetView.attr(t, dir + "/addr_trsvcid", "").equals(trsvcid)
            || NvmetView.portSubsystems(t, port).isEmpty()) {
          continue;
        }
        listening = true;
        if (NvmetView.portSubsystems(t, port).contains(nqn) && allowed(t, nqn, hostNqn)) {
          target = t.name;
        }
      }
    }
    return new Listener(listening, target);
  }

  private static List<String> portIds(SimNode t) {
    List<String> out = new ArrayList<>();
    for (String k : t.files.subMap(NvmetView.PORTS, NvmetView.PORTS + '\uffff').keySet()) {
      String id = k.substring(NvmetView.PORTS.length()).split("/")[0];
      if (!out.contains(id)) {
        out.add(id);
      }
    }
    return out;
  }

  private static boolean allowed(SimNode t, String nqn, String hostNqn) {
    String dir = NvmetView.SUBSYSTEMS + nqn;
    return NvmetView.attr(t, dir + "/attr_allow_any_host", "0").equals("1")
        || t.links.containsKey(dir + "/allowed_hosts/" + hostNqn);
  }

  private static Result disconnect(Invocation inv, Args a) {
    if (a.has("device")) {
      String dev = a.value("device").replaceFirst("^/dev/", "");
      if (inv.node().nvme.remove(dev) == null) {
        return inv.fail(19, "Failed to open " + dev + ": No such device\n");
      }
      return inv.ok("");
    }
    String nqn = a.value("nqn");
    if (nqn == null) {
      return inv.fail(22, "required argument [--nqn | -n] not specified\n");
    }
    List<String> gone = new ArrayList<>();
    for (NvmeController c : inv.node().nvme.values()) {
      if (c.subsysNqn.equals(nqn)) {
        gone.add(c.name);
      }
    }
    gone.forEach(inv.node().nvme::remove);
    return inv.ok("NQN:" + nqn + " disconnected " + gone.size() + " controller(s)\n");
  }

  /** {@code nvme ns-rescan /dev/nvmeX}: namespaces dropped for changed identifiers come back. */
  private static Result rescan(Invocation inv) {
    if (inv.args().size() < 2) {
      return inv.fail(22, "ns-rescan: missing device\n");
    }
    String dev = inv.args().get(1).replaceFirst("^/dev/", "");
    NvmeController c = inv.node().nvme.get(dev);
    if (c == null) {
      return inv.fail(19, "Failed to open " + dev + ": No such file or directory\n");
    }
    NvmetView.scan(inv.cluster(), c);
    return inv.ok("");
  }

  static long size(Invocation inv, NvmeController c, int nsid) {
    return Devices.resolve(inv.cluster(), inv.node(), "/dev/" + c.name + "n" + nsid)
        .map(d -> Devices.size(inv.cluster(), inv.node(), d))
        .orElse(0L);
  }
}
