package io.strata.simulator.drbd;

import io.strata.simulator.cmd.Devices;
import io.strata.simulator.cmd.DrbdLinks;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.drbd.DrbdConf.Resource;
import io.strata.simulator.state.ClusterState;
import io.strata.simulator.state.DrbdMetadata;
import io.strata.simulator.state.DrbdPeer;
import io.strata.simulator.state.DrbdRuntime;
import io.strata.simulator.state.DrbdVolume;
import io.strata.simulator.state.SimNode;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** The kernel side of DRBD on one node: bringing resources up and down, roles, UUIDs, sizes. */
final class DrbdKernel {
  private DrbdKernel() {}

  /** {@code adjust} (idempotent) or {@code up} (fails when already up). */
  static void adjust(Invocation inv, Resource conf, boolean up) throws DrbdFail {
    SimNode n = inv.node();
    ClusterState cs = inv.cluster();
    DrbdConf.Host me = conf.host(n.name);
    DrbdRuntime rt = n.drbd.get(conf.name());
    if (up && rt != null) {
      throw new DrbdFail(
          10,
          conf.name()
              + ": Failure: (161) Resource already exists\n"
              + "Command 'drbdsetup new-resource "
              + conf.name()
              + " "
              + conf.nodeId(me)
              + "' terminated with exit code 10\n");
    }
    List<DrbdPeer> peers = DrbdConfigs.peers(conf, n.name);
    for (DrbdRuntime other : n.drbd.values()) {
      if (other.name.equals(conf.name())) {
        continue;
      }
      for (DrbdConf.Volume v : me.volumes().values()) {
        for (DrbdVolume ov : other.volumes.values()) {
          if (ov.minor == v.minor()) {
            throw new DrbdFail(
                10,
                v.minor()
                    + ": Failure: (161) Minor or volume exists already (delete it first)\n"
                    + "Command 'drbdsetup new-minor "
                    + conf.name()
                    + " "
                    + v.minor()
                    + " "
                    + v.number()
                    + "' terminated with exit code 10\n");
          }
        }
      }
      for (DrbdPeer p : peers) {
        if (other.peers.values().stream()
            .anyMatch(op -> op.localAddress != null && op.localAddress.equals(p.localAddress))) {
          throw new DrbdFail(
              10,
              conf.name()
                  + ": Failure: (102) Local address(port) already in use.\n"
                  + "Command 'drbdsetup new-path "
                  + conf.name()
                  + " "
                  + p.nodeId
                  + "' terminated with exit code 10\n");
        }
      }
    }
    TreeMap<Integer, DrbdVolume> vols = new TreeMap<>();
    for (DrbdConf.Volume v : me.volumes().values()) {
      DrbdVolume cur = rt == null ? null : rt.volumes.get(v.number());
      DrbdVolume nv = cur != null ? cur : new DrbdVolume();
      nv.volume = v.number();
      nv.minor = v.minor();
      if (v.disk() == null) {
        nv.disk = null;
        nv.client = true;
      } else {
        Optional<Devices.Dev> dev = Devices.resolve(cs, n, v.disk());
        String attach =
            "Command 'drbdsetup attach "
                + v.minor()
                + " "
                + v.disk()
                + " "
                + v.disk()
                + " internal' terminated with exit code 10\n";
        if (dev.isEmpty()) {
          throw new DrbdFail(
              10,
              v.minor()
                  + ": Failure: (114) Lower device / meta device / index not found.\n"
                  + "additional info from kernel:\nopen(\""
                  + v.disk()
                  + "\") failed with -2\n"
                  + attach);
        }
        String path = dev.get().path();
        DrbdMetadata md = dev.map(d -> Devices.content(cs, n, d)).map(c -> c.drbdMd).orElse(null);
        if (md == null) {
          throw new DrbdFail(
              10,
              v.minor()
                  + ": Failure: (119) No valid meta-data signature found.\n\n"
                  + "\t==> Use 'drbdadm create-md "
                  + conf.name()
                  + "' to initialize meta-data area. <==\n\n"
                  + attach);
        }
        List<String> holders = Devices.holders(cs, n, path);
        holders.remove("DRBD " + conf.name() + "/" + v.number());
        if (!holders.isEmpty()) {
          throw new DrbdFail(
              10,
              v.minor()
                  + ": Failure: (114) Lower device / meta device / index not found.\n"
                  + "additional info from kernel:\nopen(\""
                  + v.disk()
                  + "\") failed with -16 (held by "
                  + String.join(", ", holders)
                  + ")\n"
                  + attach);
        }
        if (!path.equals(nv.disk)) {
          nv.usableKiB = DrbdEngine.usableKiB(Devices.size(cs, n, dev.get()), md.maxPeers);
          nv.agreedKiB = 0;
          nv.syncSource = null;
        }
        nv.disk = path;
        nv.client = false;
      }
      vols.put(v.number(), nv);
    }
    if (rt == null) {
      rt = new DrbdRuntime();
      rt.name = conf.name();
      n.drbd.put(rt.name, rt);
    }
    rt.nodeId = conf.nodeId(me);
    rt.quorum = conf.options().getOrDefault("quorum", "off");
    rt.allowTwoPrimaries = "yes".equals(conf.net().get("allow-two-primaries"));
    rt.peers.clear();
    for (DrbdPeer p : peers) {
      rt.peers.put(p.name, p);
    }
    rt.volumes = vols;
  }

  static DrbdRuntime running(Invocation inv, String res, String cmd) throws DrbdFail {
    DrbdRuntime rt = inv.node().drbd.get(res);
    if (rt == null) {
      throw new DrbdFail(
          10,
          res
              + ": No such resource\nCommand 'drbdsetup "
              + cmd
              + " "
              + res
              + "' terminated with exit code 10\n");
    }
    return rt;
  }

  static void notHeldOpen(Invocation inv, DrbdRuntime rt, String cmd) throws DrbdFail {
    for (DrbdVolume v : rt.volumes.values()) {
      List<String> h = Devices.holders(inv.cluster(), inv.node(), "/dev/drbd" + v.minor);
      if (!h.isEmpty()) {
        throw new DrbdFail(
            11,
            rt.name
                + ": State change failed: (-12) Device is held open by someone\n"
                + "additional info from kernel:\n/dev/drbd"
                + v.minor
                + " opened by "
                + String.join(", ", h)
                + "\n"
                + "Command 'drbdsetup "
                + cmd
                + " "
                + rt.name
                + "' terminated with exit code 11\n");
      }
    }
  }

  static void down(Invocation inv, String res) throws DrbdFail {
    DrbdRuntime rt = inv.node().drbd.get(res);
    if (rt == null) {
      return;
    }
    notHeldOpen(inv, rt, "down");
    inv.node().drbd.remove(res);
  }

  static void resize(Invocation inv, String res, Integer vol) throws DrbdFail {
    DrbdRuntime rt = running(inv, res, "resize");
    ClusterState cs = inv.cluster();
    SimNode n = inv.node();
    for (DrbdVolume v : rt.volumes.values()) {
      if (vol == null || v.volume == vol) {
        refresh(cs, n, v);
        for (DrbdPeer p : rt.peers.values()) {
          Optional<DrbdRuntime> pr = DrbdLinks.peerRuntime(cs, n, rt, p);
          DrbdVolume pv = pr.map(x -> x.volumes.get(v.volume)).orElse(null);
          if (pv != null) {
            refresh(cs, cs.existing(p.name).get(), pv);
          }
        }
      }
    }
  }

  private static void refresh(ClusterState cs, SimNode n, DrbdVolume v) {
    if (v.disk == null) {
      return;
    }
    DrbdMetadata md = DrbdEngine.md(cs, n, v);
    Devices.resolve(cs, n, v.disk)
        .ifPresent(
            d -> {
              v.usableKiB =
                  DrbdEngine.usableKiB(Devices.size(cs, n, d), md == null ? 1 : md.maxPeers);
              v.agreedKiB = 0; // resize: agree anew
            });
  }
}
