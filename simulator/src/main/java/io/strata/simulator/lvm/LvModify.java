package io.strata.simulator.lvm;

import io.strata.executors.host.Result;
import io.strata.simulator.cmd.Args.Opt;
import io.strata.simulator.cmd.DataLedger;
import io.strata.simulator.cmd.Devices;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.state.LvState;
import io.strata.simulator.state.VgState;
import java.util.ArrayList;
import java.util.List;

/** {@code lvremove} and {@code lvchange}. */
final class LvModify {
  private static final List<Opt> CHANGE =
      List.of(
          Opt.value("addtag", "--addtag"),
          Opt.value("deltag", "--deltag"),
          Opt.value("activate", "-a", "--activate"),
          Opt.flag("ignoreactivationskip", "-K", "--ignoreactivationskip"),
          Opt.value("setactivationskip", "-k", "--setactivationskip"),
          Opt.value("zero", "-Z", "--zero"),
          Opt.value("permission", "-p", "--permission"),
          Opt.flag("refresh", "--refresh"));

  private LvModify() {}

  static Result remove(Invocation inv) throws LvmError {
    LvmContext c = LvmContext.of(inv, List.of(Opt.flag("nohistory", "--nohistory")));
    if (c.args.positionals().isEmpty()) {
      throw LvmError.badArgs(
          "Please enter one or more logical volume paths.\n  Run `lvremove --help' for more information.");
    }
    StringBuilder out = new StringBuilder();
    for (String spec : c.args.positionals()) {
      String[] p = LvmContext.split(spec);
      VgState vg = c.vg(p[0]);
      LvState lv = c.lv(spec);
      List<LvState> doomed = new ArrayList<>();
      for (LvState o : vg.lvs.values()) {
        boolean dependent =
            lv.name.equals(o.pool) || (lv.name.equals(o.origin) && "snapshot".equals(o.kind));
        if (dependent) {
          doomed.add(o);
        }
      }
      if (!doomed.isEmpty() && !c.yes()) {
        throw LvmError.failed(
            "Removing "
                + (lv.thinPool() ? "pool" : "origin")
                + " \""
                + vg.name
                + "/"
                + lv.name
                + "\" will remove "
                + doomed.size()
                + " dependent volume(s). Proceed? [y/n]: [n]\n  Logical volume \""
                + lv.name
                + "\" not removed.");
      }
      doomed.add(lv);
      for (LvState d : doomed) {
        String path = "/dev/" + vg.name + "/" + d.name;
        if (d.active && Devices.held(inv.cluster(), inv.node(), path)) {
          throw LvmError.failed("Logical volume " + vg.name + "/" + d.name + " in use.");
        }
      }
      if (lv.active && !c.yes()) {
        throw LvmError.failed(
            "Do you really want to remove active logical volume "
                + vg.name
                + "/"
                + lv.name
                + "? [y/n]: [n]\n  Logical volume \""
                + lv.name
                + "\" not removed.");
      }
      for (LvState d : doomed) {
        String path = "/dev/" + vg.name + "/" + d.name;
        DataLedger.destroy(inv, path, d.content, "lvremove");
        DataLedger.removed(inv, path);
        vg.lvs.remove(d.name);
        for (LvState o : vg.lvs.values()) {
          if (d.name.equals(o.origin)) {
            o.origin = "";
          }
        }
        out.append("  Logical volume \"").append(d.name).append("\" successfully removed.\n");
      }
    }
    return inv.ok(out.toString());
  }

  static Result change(Invocation inv) throws LvmError {
    LvmContext c = LvmContext.of(inv, CHANGE);
    if (c.args.positionals().isEmpty()) {
      throw LvmError.badArgs("Please give logical volume path(s) or use --select for selection.");
    }
    for (String tag : c.args.values("addtag")) {
      if (!LvCreate.TAG.matcher(tag).matches()) {
        throw LvmError.badArgs(
            "Invalid argument for --addtag: " + tag + "\n  Error during parsing of command line.");
      }
    }
    StringBuilder out = new StringBuilder();
    for (String spec : c.args.positionals()) {
      String[] p = LvmContext.split(spec);
      VgState vg = c.vg(p[0]);
      LvState lv = c.lv(spec);
      String act = c.args.value("activate");
      if (act != null) {
        boolean on = act.endsWith("y");
        if (!on
            && lv.active
            && Devices.held(inv.cluster(), inv.node(), "/dev/" + vg.name + "/" + lv.name)) {
          throw LvmError.failed("Logical volume " + vg.name + "/" + lv.name + " in use.");
        }
        if (!on || !lv.skipActivation || c.args.has("ignoreactivationskip")) {
          lv.active = on;
          LvState pool = lv.thinVolume() ? vg.lvs.get(lv.pool) : null;
          if (on && pool != null) {
            pool.active = true; // LVM activates a thin volume's pool with it
          }
        }
      }
      if (c.args.has("setactivationskip")) {
        lv.skipActivation = "y".equals(c.args.value("setactivationskip"));
      }
      if (c.args.has("zero")) {
        lv.zero = "y".equals(c.args.value("zero"));
      }
      if (c.args.has("permission")) {
        lv.readOnly = "r".equals(c.args.value("permission"));
      }
      lv.tags.addAll(c.args.values("addtag"));
      c.args.values("deltag").forEach(lv.tags::remove);
      if (c.args.has("addtag")
          || c.args.has("deltag")
          || c.args.has("zero")
          || c.args.has("permission")
          || c.args.has("setactivationskip")) {
        out.append("  Logical volume ")
            .append(vg.name)
            .append('/')
            .append(lv.name)
            .append(" changed.\n");
      }
    }
    return inv.ok(out.toString());
  }
}
