package io.strata.simulator;

import io.strata.simulator.cmd.NvmetView;
import io.strata.simulator.state.LvState;
import io.strata.simulator.state.SimNode;
import io.strata.simulator.state.VgState;

/**
 * What a reboot leaves on a node: everything on disk, nothing in the kernel. LVs and thin pools are
 * inactive (their metadata stays, {@code lvs} shows them with no {@code a} in lv_attr), dm-crypt
 * mappings are closed (the LUKS headers stay), DRBD resources are down (their .res files and
 * internal metadata stay), the nvmet configfs tree is empty and NVMe-oF connections are gone. ZFS
 * pools are imported again at boot (the zfs-import units), so zvols stay.
 *
 * <p>Peers notice by themselves: their DRBD connections to the node go to Connecting and NVMe paths
 * to its exports stop being live, because both are derived from the node's kernel state.
 */
final class Reboot {
  private Reboot() {}

  /** Returns one line per kind of runtime object dropped, for the operator. */
  static String apply(SimNode n) {
    int lvs = 0;
    for (VgState vg : n.vgs.values()) {
      for (LvState lv : vg.lvs.values()) {
        if (lv.active) {
          lv.active = false;
          lvs++;
        }
      }
    }
    int mappings = n.mappings.size();
    n.mappings.clear();
    int drbd = n.drbd.size();
    n.drbd.clear();
    int nvme = n.nvme.size();
    n.nvme.clear();
    String root = NvmetView.ROOT;
    String below = root + "/";
    int subsystems = countSubsystems(n);
    n.files.subMap(below, below + '\uffff').clear();
    n.links.subMap(below, below + '\uffff').clear();
    n.dirs.subSet(below, below + '\uffff').clear();
    n.dirs.remove(root);
    return n.name
        + " rebooted: "
        + lvs
        + " LV(s) deactivated, "
        + mappings
        + " dm-crypt mapping(s) closed, "
        + drbd
        + " DRBD resource(s) down, "
        + subsystems
        + " nvmet subsystem(s) gone, "
        + nvme
        + " NVMe-oF connection(s) gone";
  }

  private static int countSubsystems(SimNode n) {
    String prefix = NvmetView.SUBSYSTEMS;
    return (int)
        n.dirs.subSet(prefix, prefix + '\uffff').stream()
            .filter(d -> d.indexOf('/', prefix.length()) < 0)
            .count();
  }
}
