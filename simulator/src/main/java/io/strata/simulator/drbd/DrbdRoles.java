package io.strata.simulator.drbd;

import io.strata.simulator.cmd.DrbdLinks;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.state.ClusterState;
import io.strata.simulator.state.DrbdMetadata;
import io.strata.simulator.state.DrbdPeer;
import io.strata.simulator.state.DrbdRuntime;
import io.strata.simulator.state.DrbdVolume;
import io.strata.simulator.state.SimNode;
import java.util.Optional;

/** Roles and data generations: primary, secondary, new-current-uuid. */
final class DrbdRoles {
  private DrbdRoles() {}

  static void primary(Invocation inv, String res, boolean force) throws DrbdFail {
    DrbdRuntime rt = DrbdKernel.running(inv, res, "primary");
    ClusterState cs = inv.cluster();
    SimNode n = inv.node();
    for (DrbdPeer p : rt.peers.values()) {
      Optional<DrbdRuntime> pr = DrbdLinks.peerRuntime(cs, n, rt, p);
      if (!rt.allowTwoPrimaries && pr.isPresent() && pr.get().role.equals("Primary")) {
        throw new DrbdFail(
            11,
            res
                + ": State change failed: (-1) Multiple primaries not allowed by config\n"
                + "Command 'drbdsetup primary "
                + res
                + "' terminated with exit code 11\n");
      }
    }
    for (DrbdVolume v : rt.volumes.values()) {
      DrbdMetadata md = DrbdEngine.md(cs, n, v);
      if (force && md != null && !"UpToDate".equals(DrbdEngine.diskState(cs, n, v))) {
        // forcing Inconsistent data to be the truth starts a new data generation
        md.consistent = true;
        md.gen = cs.meta().counters().newDrbdGeneration();
        v.syncSource = null;
      } else if (!uptodateAccess(cs, n, rt, v)) {
        throw new DrbdFail(
            11,
            res
                + ": State change failed: (-2) Need access to UpToDate data\n"
                + "additional info from kernel:\nfailed to promote\n"
                + "Command 'drbdsetup primary "
                + res
                + "' terminated with exit code 11\n");
      }
    }
    rt.role = "Primary";
  }

  private static boolean uptodateAccess(ClusterState cs, SimNode n, DrbdRuntime rt, DrbdVolume v) {
    if ("UpToDate".equals(DrbdEngine.diskState(cs, n, v))) {
      return true;
    }
    if (v.disk != null) {
      return false;
    }
    for (DrbdPeer p : rt.peers.values()) {
      Optional<DrbdRuntime> pr = DrbdLinks.peerRuntime(cs, n, rt, p);
      DrbdVolume pv = pr.map(x -> x.volumes.get(v.volume)).orElse(null);
      if (pv != null
          && "UpToDate".equals(DrbdEngine.diskState(cs, cs.existing(p.name).get(), pv))) {
        return true;
      }
    }
    return false;
  }

  static void secondary(Invocation inv, String res) throws DrbdFail {
    DrbdRuntime rt = DrbdKernel.running(inv, res, "secondary");
    DrbdKernel.notHeldOpen(inv, rt, "secondary");
    rt.role = "Secondary";
  }

  static void newCurrentUuid(Invocation inv, String res, Integer vol, boolean clearBitmap)
      throws DrbdFail {
    DrbdRuntime rt = DrbdKernel.running(inv, res, "new-current-uuid");
    ClusterState cs = inv.cluster();
    SimNode n = inv.node();
    for (DrbdVolume v : rt.volumes.values()) {
      if (vol != null && v.volume != vol) {
        continue;
      }
      DrbdMetadata md = DrbdEngine.md(cs, n, v);
      if (md == null) {
        continue;
      }
      if (clearBitmap && (md.consistent || md.gen != 0)) {
        throw new DrbdFail(
            10,
            v.minor
                + ": Failure: (151) --clear-bitmap needs just-created meta data"
                + " (current UUID 0x4); this device has been synced before\n"
                + "Command 'drbdsetup new-current-uuid "
                + v.minor
                + " --clear-bitmap' terminated with exit code 10\n");
      }
      if (!clearBitmap && !md.consistent) {
        continue;
      }
      long old = md.gen;
      long gen = cs.meta().counters().newDrbdGeneration();
      md.consistent = true;
      md.gen = gen;
      for (DrbdPeer p : rt.peers.values()) {
        Optional<DrbdRuntime> pr = DrbdLinks.peerRuntime(cs, n, rt, p);
        DrbdVolume pv = pr.map(x -> x.volumes.get(v.volume)).orElse(null);
        DrbdMetadata pmd = pv == null ? null : DrbdEngine.md(cs, cs.existing(p.name).get(), pv);
        if (pmd != null && pmd.gen == old && pmd.consistent == !clearBitmap) {
          pmd.consistent = true;
          pmd.gen = gen;
        }
      }
    }
  }
}
