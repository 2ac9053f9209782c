package io.strata.simulator;

import io.strata.simulator.cmd.Ids;
import io.strata.simulator.state.Content;
import io.strata.simulator.state.FileEntry;
import io.strata.simulator.state.LvState;
import io.strata.simulator.state.SimNode;
import io.strata.simulator.state.SimSeed;
import io.strata.simulator.state.VgState;
import io.strata.simulator.state.ZfsDataset;
import io.strata.simulator.state.ZpoolState;
import java.util.Map;
import java.util.UUID;

/** Builds a fresh node from its {@link SimSeed}. */
final class Seeding {
  static final long EXTENT = 4L << 20;

  private Seeding() {}

  /** The first lines of {@code /proc/drbd} as the module prints them (fixture vm-proc-drbd). */
  static String procDrbd(String version) {
    return version.startsWith("8.")
        ? "version: " + version + " (api:1/proto:86-101)\nsrcversion: F73C670A7EC572DB9CF3E5B \n"
        : "version: " + version + " (api:2/proto:86-122)\n";
  }

  static SimNode seed(String node, SimSeed seed) {
    SimNode n = new SimNode();
    n.name = node;
    n.seed = seed;
    for (Map.Entry<String, Long> e : seed.volumeGroups().entrySet()) {
      VgState vg = new VgState();
      vg.name = e.getKey();
      vg.pvName = "/dev/sim/" + e.getKey() + "-pv0";
      vg.extentSize = EXTENT;
      vg.extentCount = e.getValue() / EXTENT;
      vg.uuid = Ids.lvmUuid(node + "/vg/" + vg.name);
      vg.pvUuid = Ids.lvmUuid(node + "/pv/" + vg.name);
      n.vgs.put(vg.name, vg);
    }
    for (Map.Entry<String, Long> e : seed.thinPools().entrySet()) {
      String[] vgPool = e.getKey().split("/");
      VgState vg = n.vgs.get(vgPool[0]);
      LvState pool = new LvState();
      pool.kind = "thin-pool";
      pool.name = vgPool[1];
      pool.extents = Math.min(vg.freeExtents(), (e.getValue() + EXTENT - 1) / EXTENT);
      pool.sizeBytes = pool.extents * EXTENT;
      pool.uuid = Ids.lvmUuid(node + "/lv/" + e.getKey());
      pool.content = new Content(0);
      vg.lvs.put(pool.name, pool);
    }
    for (Map.Entry<String, Long> e : seed.zpools().entrySet()) {
      String[] path = e.getKey().split("/");
      ZpoolState zp = n.zpools.get(path[0]);
      if (zp == null) {
        zp = new ZpoolState();
        zp.name = path[0];
        zp.sizeBytes = e.getValue();
        zp.guid =
            Long.toUnsignedString(Ids.uuid(node + "/zpool/" + zp.name).getMostSignificantBits());
        n.zpools.put(zp.name, zp);
      }
      String name = path[0];
      for (int i = 1; i < path.length; i++) {
        name += "/" + path[i];
        zp.datasets.computeIfAbsent(name, ZfsDataset::filesystem);
      }
    }
    UUID host = Ids.uuid(node + "/nvme-host");
    n.files.put(
        "/etc/nvme/hostnqn", new FileEntry("nqn.2014-08.org.nvmexpress:uuid:" + host + "\n", 0644));
    n.files.put("/etc/nvme/hostid", new FileEntry(host + "\n", 0644));
    n.files.put("/etc/hostname", new FileEntry(node + "\n", 0644));
    n.dirs.add("/etc/drbd.d");
    if (seed.drbdKernel() != null) {
      n.files.put("/proc/drbd", new FileEntry(procDrbd(seed.drbdKernel()), 0444));
    }
    return n;
  }
}
