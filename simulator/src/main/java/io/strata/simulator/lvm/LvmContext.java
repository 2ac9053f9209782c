package io.strata.simulator.lvm;

import io.strata.simulator.cmd.Args;
import io.strata.simulator.cmd.Args.Opt;
import io.strata.simulator.cmd.BlockedIo;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.cmd.NvmetView;
import io.strata.simulator.state.LvState;
import io.strata.simulator.state.VgState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What every LVM command shares: the common options and the VGs the device filter lets it see. */
final class LvmContext {
  static final List<Opt> COMMON =
      List.of(
          Opt.flag("verbose", "-v", "--verbose"),
          Opt.flag("quiet", "-q", "--quiet"),
          Opt.flag("yes", "-y", "--yes"),
          Opt.flag("force", "-f", "--force"),
          Opt.flag("debug", "-d", "--debug"),
          Opt.flag("test", "-t", "--test"),
          Opt.flag("nolocking", "--nolocking"),
          Opt.flag("noudevsync", "--noudevsync"),
          Opt.value("config", "--config"),
          Opt.value("driverloaded", "--driverloaded"),
          Opt.value("autobackup", "-A", "--autobackup"),
          Opt.value("devices", "--devices"),
          Opt.value("devicesfile", "--devicesfile"),
          Opt.value("commandprofile", "--commandprofile"));

  final Invocation inv;
  final Args args;
  private final Map<String, VgState> visible = new TreeMap<>();

  private LvmContext(Invocation inv, Args args) {
    this.inv = inv;
    this.args = args;
  }

  static LvmContext of(Invocation inv, List<Opt> own) throws LvmError {
    List<Opt> all = new ArrayList<>(COMMON);
    all.addAll(own);
    Args a;
    try {
      a = Args.parse(inv.args(), all);
    } catch (Args.BadArgs e) {
      throw LvmError.badArgs(
          inv.tool() + ": " + e.getMessage() + "\n\n  Error during parsing of command line.");
    }
    LvmContext c = new LvmContext(inv, a);
    LvmFilter filter = LvmFilter.parse(a.value("config"));
    List<String> devices =
        a.has("devices") ? List.of(String.join(",", a.values("devices")).split(",")) : null;
    // LVM reads every device its filter admits: a dead NVMe-oF namespace blocks the scan
    for (String dev : NvmetView.blockedDevices(inv.cluster(), inv.node())) {
      if (filter.admits(dev) && (devices == null || devices.contains(dev))) {
        throw new BlockedIo(dev);
      }
    }
    for (VgState vg : inv.node().vgs.values()) {
      if (filter.admits(vg.pvName) && (devices == null || devices.contains(vg.pvName))) {
        c.visible.put(vg.name, vg);
      }
    }
    return c;
  }

  Map<String, VgState> vgs() {
    return visible;
  }

  VgState vg(String name) throws LvmError {
    VgState vg = visible.get(name);
    if (vg == null) {
      throw LvmError.failed(
          "Volume group \"" + name + "\" not found\n  Cannot process volume group " + name);
    }
    return vg;
  }

  /** {@code vg/lv}, {@code /dev/vg/lv} or {@code /dev/mapper/vg-lv} to VG and LV name. */
  static String[] split(String spec) {
    String s = spec;
    if (s.startsWith("/dev/mapper/")) {
      String dm = s.substring("/dev/mapper/".length());
      int i = 0;
      while (i < dm.length()) {
        if (dm.charAt(i) == '-') {
          if (i + 1 < dm.length() && dm.charAt(i + 1) == '-') {
            i += 2;
            continue;
          }
          return new String[] {
            dm.substring(0, i).replace("--", "-"), dm.substring(i + 1).replace("--", "-")
          };
        }
        i++;
      }
      return new String[] {dm, ""};
    }
    if (s.startsWith("/dev/")) {
      s = s.substring("/dev/".length());
    }
    int slash = s.indexOf('/');
    return slash < 0
        ? new String[] {s, ""}
        : new String[] {s.substring(0, slash), s.substring(slash + 1)};
  }

  LvState lv(String spec) throws LvmError {
    String[] p = split(spec);
    VgState vg = visible.get(p[0]);
    LvState lv = vg == null ? null : vg.lvs.get(p[1]);
    if (lv == null) {
      throw LvmError.failed("Failed to find logical volume \"" + p[0] + "/" + p[1] + "\"");
    }
    return lv;
  }

  boolean yes() {
    return args.has("yes") || args.has("force");
  }
}
