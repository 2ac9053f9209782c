package io.strata.simulator.lvm;

import io.strata.executors.host.Result;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.cmd.Tool;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point for all simulated LVM commands ({@code lvs}, {@code lvcreate}, …, and {@code lvm
 * <cmd>}).
 */
public final class LvmTool implements Tool {
  public static final java.util.Set<String> COMMANDS =
      java.util.Set.of(
          "lvs",
          "vgs",
          "pvs",
          "lvcreate",
          "lvextend",
          "lvresize",
          "lvreduce",
          "lvremove",
          "lvchange",
          "lvm",
          "pvdisplay",
          "vgdisplay",
          "lvdisplay");

  /** {@code pvdisplay --columns} is {@code pvs}; the long form is not simulated. */
  private static Result columnsOnly(Invocation inv) throws LvmError {
    List<String> args = new ArrayList<>(inv.args());
    if (!args.remove("--columns") && !args.remove("-C")) {
      throw LvmError.badArgs(inv.tool() + " without --columns is not simulated; use --columns");
    }
    List<String> argv = new ArrayList<>();
    argv.add(inv.tool().substring(0, 2) + "s");
    argv.addAll(args);
    return LvmReport.run(
        new Invocation(
            inv.cluster(), inv.node(), argv, inv.stdin(), inv.nowMillis(), inv.syncRate()));
  }

  @Override
  public Result run(Invocation inv) {
    if (inv.tool().equals("lvm")) {
      if (inv.argv().size() < 2) {
        return inv.fail(3, "  No command specified.");
      }
      if (inv.argv().get(1).equals("version")) {
        return inv.ok(
            "  LVM version:     2.03.16(2) (2022-05-18)\n  Library version: 1.02.185 (2022-05-18)\n"
                + "  Driver version:  4.48.0\n");
      }
      return run(
          new Invocation(
              inv.cluster(),
              inv.node(),
              inv.argv().subList(1, inv.argv().size()),
              inv.stdin(),
              inv.nowMillis(),
              inv.syncRate()));
    }
    try {
      return switch (inv.tool()) {
        case "lvs", "vgs", "pvs" -> LvmReport.run(inv);
        case "fullreport" -> LvmFullReport.run(inv);
        case "pvdisplay", "vgdisplay", "lvdisplay" -> columnsOnly(inv);
        case "lvcreate" -> LvCreate.run(inv);
        case "lvextend", "lvresize", "lvreduce" -> LvResize.run(inv);
        case "lvremove" -> LvModify.remove(inv);
        case "lvchange" -> LvModify.change(inv);
        default -> inv.fail(3, "  No such command '" + inv.tool() + "'.  Try 'help'.");
      };
    } catch (LvmError e) {
      String msg = e.getMessage();
      String text =
          msg.lines()
              .map(l -> l.startsWith("  ") || l.startsWith("Do you") ? l : "  " + l)
              .reduce((a, b) -> a + "\n" + b)
              .orElse("");
      return inv.fail(e.rc, text + "\n");
    }
  }
}
