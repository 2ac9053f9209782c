package io.strata.simulator.drbd;

import io.strata.simulator.cmd.DataLedger;
import io.strata.simulator.cmd.Devices;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.state.Content;
import io.strata.simulator.state.DrbdMetadata;
import io.strata.simulator.state.DrbdRuntime;
import io.strata.simulator.state.DrbdVolume;
import java.util.Locale;

/**
 * drbdmeta's operations on internal metadata (create-md, get-gi, dump-md, check-resize, wipe-md).
 */
final class DrbdMetaOps {
  private DrbdMetaOps() {}

  static Content content(Invocation inv, int minor, String dev, String what) throws DrbdFail {
    return Devices.resolve(inv.cluster(), inv.node(), dev)
        .map(d -> Devices.content(inv.cluster(), inv.node(), d))
        .orElseThrow(
            () ->
                new DrbdFail(
                    20,
                    "open("
                        + dev
                        + ") failed: No such file or directory\n"
                        + (what == null
                            ? ""
                            : "Command 'drbdmeta "
                                + minor
                                + " v09 "
                                + dev
                                + " internal "
                                + what
                                + "' terminated with exit code 20\n")));
  }

  private static void notConfigured(Invocation inv, int minor) throws DrbdFail {
    for (DrbdRuntime r : inv.node().drbd.values()) {
      for (DrbdVolume v : r.volumes.values()) {
        if (v.minor == minor && v.disk != null) {
          throw new DrbdFail(20, "Device '" + minor + "' is configured!\n");
        }
      }
    }
  }

  static String createMd(Invocation inv, int minor, String dev, int maxPeers, boolean force)
      throws DrbdFail {
    String cmd = "create-md " + maxPeers + (force ? " --force" : "");
    Content c = content(inv, minor, dev, cmd);
    notConfigured(inv, minor);
    if (c.drbdMd != null && !force) {
      throw new DrbdFail(
          1,
          "You want me to create a v09 style flexible-size internal meta data block.\n"
              + "There appears to be a v09 flexible-size internal meta data block\nalready in place on "
              + dev
              + " at byte offset "
              + offset(inv, dev)
              + "\n\nDo you really want to overwrite the existing meta-data?\n"
              + "[need to type 'yes' to confirm] stdin not a TTY, not waiting for confirmation\nOperation cancelled.\n"
              + "Command 'drbdmeta "
              + minor
              + " v09 "
              + dev
              + " internal "
              + cmd
              + "' terminated with exit code 1\n");
    }
    if (c.holdsAnyData()) {
      DataLedger.destroy(inv, Devices.canonical(inv.cluster(), inv.node(), dev), c, "create-md");
    }
    DrbdMetadata md = new DrbdMetadata();
    md.maxPeers = maxPeers;
    c.drbdMd = md;
    long kib = DrbdEngine.usableKiB(size(inv, dev), maxPeers);
    return "initializing activity log\ninitializing bitmap ("
        + Math.max(4, (kib / 4 / 8 / 1024 + 3) / 4 * 4 * maxPeers)
        + " KB) to all zero\nWriting meta data...\nNew drbd meta data block successfully created.\nsuccess\n";
  }

  private static long size(Invocation inv, String dev) {
    return Devices.resolve(inv.cluster(), inv.node(), dev)
        .map(d -> Devices.size(inv.cluster(), inv.node(), d))
        .orElse(0L);
  }

  private static long offset(Invocation inv, String dev) {
    return Math.max(0, size(inv, dev) - 4096);
  }

  private static DrbdMetadata existing(
      Invocation inv, int minor, String dev, String what, String none) throws DrbdFail {
    Content c = content(inv, minor, dev, null);
    if (c.drbdMd == null) {
      throw new DrbdFail(1, none);
    }
    return c.drbdMd;
  }

  static String getGi(Invocation inv, int minor, String dev) throws DrbdFail {
    DrbdMetadata md = existing(inv, minor, dev, "get-gi", "No valid meta data found\n");
    return String.format(
        Locale.ROOT,
        "%016X:0000000000000000:0000000000000000:0000000000000000:%d:%d:0:0:0:0:%d:0:0:0:0:0\n",
        md.gen == 0 ? 4 : md.gen,
        md.consistent ? 1 : 0,
        md.consistent ? 1 : 0,
        md.gen == 0 ? 1 : 0);
  }

  static String dumpMd(Invocation inv, int minor, String dev) throws DrbdFail {
    DrbdMetadata md = existing(inv, minor, dev, "dump-md", "No valid meta data found\n");
    long sectors = size(inv, dev) / 512;
    return "# DRBD meta data dump\n# "
        + dev
        + "\nversion \"v09\";\n\nmax-peers "
        + md.maxPeers
        + ";\n"
        + "# md_size_sect "
        + DrbdEngine.mdSectors(sectors, md.maxPeers)
        + "\nnode-id 0;\n"
        + String.format(
            Locale.ROOT,
            "current-uuid 0x%016X; flags 0x%08X;\n",
            md.gen == 0 ? 4 : md.gen,
            md.consistent ? 0x11 : 0x10)
        + "la-size-sect "
        + DrbdEngine.usableKiB(size(inv, dev), md.maxPeers) * 2
        + ";\n";
  }

  static void checkResize(Invocation inv, int minor, String dev) throws DrbdFail {
    existing(inv, minor, dev, "check-resize", "no suitable meta data found :(\n");
  }

  static String wipeMd(Invocation inv, int minor, String dev) throws DrbdFail {
    Content c = content(inv, minor, dev, "wipe-md");
    notConfigured(inv, minor);
    if (c.drbdMd == null) {
      return "There appears to be no drbd meta data to wipe out?\n";
    }
    c.drbdMd = null;
    return "Wiping meta data...\nDRBD meta data block successfully wiped out.\n";
  }
}
