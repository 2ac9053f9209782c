package io.strata.simulator.cmd;

import io.strata.simulator.state.ClusterState;
import io.strata.simulator.state.Content;
import io.strata.simulator.state.CryptMapping;
import io.strata.simulator.state.DrbdRuntime;
import io.strata.simulator.state.DrbdVolume;
import io.strata.simulator.state.LvState;
import io.strata.simulator.state.NvmeController;
import io.strata.simulator.state.SimNode;
import io.strata.simulator.state.VgState;
import io.strata.simulator.state.ZfsDataset;
import io.strata.simulator.state.ZpoolState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Block devices of a node across layers: resolution of paths, sizes, contents and holders. */
public final class Devices {
  /** LUKS2 default data offset. */
  public static final long LUKS_HEADER = 16L << 20;

  private Devices() {}

  /** A block device that exists (has a device node) on a node. */
  public sealed interface Dev {
    String path();
  }

  public record LvDev(VgState vg, LvState lv) implements Dev {
    public String path() {
      return "/dev/" + vg.name + "/" + lv.name;
    }
  }

  public record ZvolDev(ZpoolState pool, ZfsDataset ds) implements Dev {
    public String path() {
      return "/dev/zvol/" + ds.name;
    }
  }

  public record CryptDev(CryptMapping mapping) implements Dev {
    public String path() {
      return "/dev/mapper/" + mapping.name;
    }
  }

  public record DrbdDev(DrbdRuntime res, DrbdVolume vol) implements Dev {
    public String path() {
      return "/dev/drbd" + vol.minor;
    }
  }

  public record NvmeDev(NvmeController ctrl, int nsid) implements Dev {
    public String path() {
      return "/dev/" + ctrl.name + "n" + nsid;
    }
  }

  /**
   * The device number {@code major:minor} as {@code dmsetup table} prints a target's device: dm
   * devices (LVs, crypt mappings) on major 253, DRBD on 147 with its minor, zvols on 230 (minors in
   * steps of 16), NVMe namespaces on 259. The kernel hands minors out as devices appear; here a
   * device's minor is derived from its identity (an LV's UUID, a dataset's name), so it is stable
   * while the device exists, and another device gets another number.
   */
  public static String number(Dev d) {
    if (d instanceof CryptDev c) {
      return "253:" + c.mapping().dmMinor;
    }
    if (d instanceof LvDev l) {
      return "253:" + (1024 + spread(l.lv().uuid != null ? l.lv().uuid : l.path(), 1 << 19));
    }
    if (d instanceof DrbdDev r) {
      return "147:" + r.vol().minor;
    }
    if (d instanceof ZvolDev z) {
      return "230:" + 16 * spread(z.ds().name, 1 << 15);
    }
    return "259:" + spread(d.path(), 1 << 19);
  }

  private static int spread(String identity, int range) {
    return Math.floorMod(identity.hashCode() * 0x9E3779B1, range);
  }

  /** The LVM device-mapper name: dashes in names doubled, VG and LV joined with one dash. */
  public static String dmName(String vg, String lv) {
    return vg.replace("-", "--") + "-" + lv.replace("-", "--");
  }

  public static Optional<Dev> resolve(ClusterState cs, SimNode n, String path) {
    if (path == null) {
      return Optional.empty();
    }
    if (path.startsWith("/dev/zvol/")) {
      String name = path.substring("/dev/zvol/".length());
      ZpoolState pool = n.zpools.get(name.split("/", 2)[0]);
      ZfsDataset ds = pool == null ? null : pool.datasets.get(name);
      return ds != null && "volume".equals(ds.type)
          ? Optional.of(new ZvolDev(pool, ds))
          : Optional.empty();
    }
    if (path.startsWith("/dev/mapper/")) {
      String name = path.substring("/dev/mapper/".length());
      CryptMapping m = n.mappings.get(name);
      if (m != null) {
        return Optional.of(new CryptDev(m));
      }
      for (VgState vg : n.vgs.values()) {
        for (LvState lv : vg.lvs.values()) {
          if (dmName(vg.name, lv.name).equals(name) && usable(lv)) {
            return Optional.of(new LvDev(vg, lv));
          }
        }
      }
      return Optional.empty();
    }
    if (path.startsWith("/dev/drbd")) {
      String rest = path.substring("/dev/drbd".length());
      for (DrbdRuntime r : n.drbd.values()) {
        for (DrbdVolume v : r.volumes.values()) {
          if (rest.equals(Integer.toString(v.minor))) {
            return Optional.of(new DrbdDev(r, v));
          }
        }
      }
      return Optional.empty();
    }
    if (path.startsWith("/dev/nvme")) {
      for (NvmeController c : n.nvme.values()) {
        for (int ns : NvmetView.liveNsids(cs, c)) {
          if (path.equals("/dev/" + c.name + "n" + ns)) {
            return Optional.of(new NvmeDev(c, ns));
          }
        }
      }
      return Optional.empty();
    }
    String[] parts = path.split("/");
    if (parts.length == 4 && parts[1].equals("dev")) {
      VgState vg = n.vgs.get(parts[2]);
      LvState lv = vg == null ? null : vg.lvs.get(parts[3]);
      if (lv != null && usable(lv)) {
        return Optional.of(new LvDev(vg, lv));
      }
    }
    return Optional.empty();
  }

  /** LVs that have a device node: active, and not a pool. */
  private static boolean usable(LvState lv) {
    return lv.active && !lv.thinPool();
  }

  /** The canonical path of a device path (aliases resolved), or the path itself. */
  public static String canonical(ClusterState cs, SimNode n, String path) {
    return resolve(cs, n, path).map(Dev::path).orElse(path);
  }

  /** Size in bytes of a device. */
  public static long size(ClusterState cs, SimNode n, Dev d) {
    if (d instanceof LvDev lv) {
      return lv.lv().sizeBytes;
    } else if (d instanceof ZvolDev z) {
      return z.ds().volsize;
    } else if (d instanceof CryptDev c) {
      return resolve(cs, n, c.mapping().device)
          .map(b -> Math.max(0, size(cs, n, b) - LUKS_HEADER))
          .orElse(0L);
    } else if (d instanceof DrbdDev dd) {
      return DrbdLinks.deviceSizeKiB(cs, n, dd.res(), dd.vol()) * 1024;
    }
    NvmeDev nv = (NvmeDev) d;
    return NvmetView.remoteSize(cs, nv.ctrl(), nv.nsid());
  }

  /** What is written on a device, or null when it has no content of its own here. */
  public static Content content(ClusterState cs, SimNode n, Dev d) {
    if (d instanceof LvDev lv) {
      return lv.lv().content;
    } else if (d instanceof ZvolDev z) {
      return z.ds().content;
    } else if (d instanceof CryptDev c) {
      Content backing = resolve(cs, n, c.mapping().device).map(b -> content(cs, n, b)).orElse(null);
      return backing == null || backing.luks == null ? null : backing.luks.inner;
    } else if (d instanceof DrbdDev dd) {
      return dd.vol().disk == null
          ? null
          : resolve(cs, n, dd.vol().disk).map(b -> content(cs, n, b)).orElse(null);
    }
    NvmeDev nv = (NvmeDev) d;
    return NvmetView.remoteContent(cs, nv.ctrl(), nv.nsid());
  }

  /** Whether anything holds the device open: {@link #holders} not empty, found sooner. */
  public static boolean held(ClusterState cs, SimNode n, String canonicalPath) {
    return !holders(cs, n, canonicalPath, true).isEmpty();
  }

  /** Who holds the device open (mappings, DRBD attachments, nvmet namespaces). */
  public static List<String> holders(ClusterState cs, SimNode n, String canonicalPath) {
    return holders(cs, n, canonicalPath, false);
  }

  /** The holders, or only the first found when {@code first} (the nvmet scan is the dear part). */
  private static List<String> holders(
      ClusterState cs, SimNode n, String canonicalPath, boolean first) {
    List<String> h = new ArrayList<>();
    for (CryptMapping m : n.mappings.values()) {
      if (canonicalPath.equals(m.device)) {
        h.add("dm-crypt mapping " + m.name);
      }
    }
    for (DrbdRuntime r : n.drbd.values()) {
      for (DrbdVolume v : r.volumes.values()) {
        if (canonicalPath.equals(v.disk)) {
          h.add("DRBD " + r.name + "/" + v.volume);
        }
      }
    }
    if (first && !h.isEmpty()) {
      return h;
    }
    for (NvmetView.Namespace ns : NvmetView.enabledNamespaces(n)) {
      if (canonicalPath.equals(canonical(cs, n, ns.devicePath()))) {
        h.add("nvmet namespace " + ns.nqn() + "/" + ns.nsid());
      }
    }
    return h;
  }
}
