package io.strata.simulator.lvm;

import io.strata.executors.host.Result;
import io.strata.simulator.cmd.Args.Opt;
import io.strata.simulator.cmd.DataLedger;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.state.LvState;
import io.strata.simulator.state.VgState;
import java.util.List;

/** {@code lvextend} (grow only), {@code lvresize} and {@code lvreduce} (which may shrink). */
final class LvResize {
  private static final List<Opt> OPTS =
      List.of(
          Opt.value("size", "-L", "--size"),
          Opt.value("extents", "-l", "--extents"),
          Opt.flag("resizefs", "-r", "--resizefs"),
          Opt.flag("nofsck", "-n", "--nofsck"),
          Opt.value("poolmetadatasize", "--poolmetadatasize"));

  private LvResize() {}

  static Result run(Invocation inv) throws LvmError {
    LvmContext c = LvmContext.of(inv, OPTS);
    String tool = inv.tool();
    if (c.args.positionals().size() != 1) {
      throw LvmError.badArgs(
          "Please provide the logical volume name\n  Run `"
              + tool
              + " --help' for more information.");
    }
    String spec = c.args.positionals().get(0);
    String[] p = LvmContext.split(spec);
    VgState vg = c.vg(p[0]);
    LvState lv = c.lv(spec);
    long current = lv.sizeBytes / vg.extentSize;
    long target;
    StringBuilder err = new StringBuilder();
    if (c.args.has("size") == c.args.has("extents")) {
      throw LvmError.badArgs("Please specify either size or extents (not both).");
    }
    if (c.args.has("size")) {
      LvmSize.Parsed s = LvmSize.parse(c.args.value("size"), "--size");
      long ext = LvCreate.roundedExtents(vg, s.bytes(), err);
      target = s.sign() == 0 ? ext : current + s.sign() * ext;
    } else {
      String e = c.args.value("extents");
      int sign = e.startsWith("+") ? 1 : e.startsWith("-") ? -1 : 0;
      long n;
      try {
        n = Long.parseLong(sign == 0 ? e : e.substring(1));
      } catch (NumberFormatException ex) {
        throw LvmError.badArgs("Invalid argument for --extents: " + e);
      }
      target = sign == 0 ? n : current + sign * n;
    }
    if (target == current) {
      throw LvmError.failed(
          "New size (" + target + " extents) matches existing size (" + current + " extents).");
    }
    if (tool.equals("lvextend") && target < current) {
      throw LvmError.failed(
          "New size given ("
              + target
              + " extents) not larger than existing size ("
              + current
              + " extents)");
    }
    if (tool.equals("lvreduce") && target > current) {
      throw LvmError.failed(
          "New size given ("
              + target
              + " extents) not less than existing size ("
              + current
              + " extents)");
    }
    if (target <= 0) {
      throw LvmError.badArgs("New size of 0 not allowed for " + vg.name + "/" + lv.name);
    }
    if (target < current) {
      if (!c.yes()) {
        throw LvmError.failed(
            "  WARNING: Reducing active logical volume to "
                + LvmSize.display(target * vg.extentSize)
                + ".\n  THIS MAY DESTROY YOUR DATA (filesystem etc.)\nDo you really want to reduce "
                + vg.name
                + "/"
                + lv.name
                + "? [y/n]: [n]\n  Logical volume "
                + vg.name
                + "/"
                + lv.name
                + " NOT reduced.");
      }
      DataLedger.destroy(
          inv, "/dev/" + vg.name + "/" + lv.name, lv.content, "shrink (" + tool + ")");
    }
    if (!lv.thinVolume() && target - current > vg.freeExtents()) {
      throw LvmError.failed(
          "Insufficient free space: "
              + (target - current)
              + " extents needed, but only "
              + vg.freeExtents()
              + " available");
    }
    String from = LvmSize.display(lv.sizeBytes) + " (" + current + " extents)";
    if (!lv.thinVolume()) {
      lv.extents = target;
    }
    lv.sizeBytes = target * vg.extentSize;
    String to = LvmSize.display(lv.sizeBytes) + " (" + target + " extents)";
    return inv.ok(
        "  Size of logical volume "
            + vg.name
            + "/"
            + lv.name
            + " changed from "
            + from
            + " to "
            + to
            + ".\n"
            + "  Logical volume "
            + vg.name
            + "/"
            + lv.name
            + " successfully resized.\n",
        err.toString());
  }
}
