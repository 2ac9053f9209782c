package io.strata.simulator.drbd;

import io.strata.executors.host.Result;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.cmd.Tool;
import io.strata.simulator.state.Content;
import io.strata.simulator.state.DrbdMetadata;
import java.util.ArrayList;
import java.util.List;

/** Simulated {@code drbdmeta <minor> v09 <dev> internal <command>}. */
public final class DrbdmetaTool implements Tool {
  @Override
  public Result run(Invocation inv) {
    List<String> pos = new ArrayList<>();
    boolean force = false;
    List<String> args = inv.args();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--force") || a.equals("-f")) {
        force = true;
      } else if (a.equals("--node-id") || a.equals("-i")) {
        i++;
      } else if (!a.startsWith("-")) {
        pos.add(a);
      }
    }
    if (pos.size() < 5) {
      return inv.fail(
          20,
          "USAGE: drbdmeta [--force] {device} v09 {meta_data_dev} internal {command} {args...}\n");
    }
    int minor;
    try {
      minor = Integer.parseInt(pos.get(0).replace("/dev/drbd", ""));
    } catch (NumberFormatException e) {
      return inv.fail(20, "'" + pos.get(0) + "' is not a valid minor number\n");
    }
    if (!pos.get(1).equals("v09")) {
      return inv.fail(20, "'" + pos.get(1) + "' is not a supported meta data format\n");
    }
    String dev = pos.get(2);
    try {
      String out =
          switch (pos.get(4)) {
            case "get-gi" -> DrbdMetaOps.getGi(inv, minor, dev);
            case "dump-md" -> DrbdMetaOps.dumpMd(inv, minor, dev);
            case "check-resize" -> {
              DrbdMetaOps.checkResize(inv, minor, dev);
              yield "";
            }
            case "apply-al" -> {
              DrbdMetaOps.checkResize(inv, minor, dev);
              yield "";
            }
            case "wipe-md" -> DrbdMetaOps.wipeMd(inv, minor, dev);
            case "create-md" -> {
              int peers = pos.size() > 5 ? Integer.parseInt(pos.get(5)) : 1;
              yield DrbdMetaOps.createMd(inv, minor, dev, peers, force);
            }
            case "set-gi" -> setGi(inv, minor, dev, pos.size() > 5 ? pos.get(5) : "");
            default -> throw new DrbdFail(20, "Unknown command '" + pos.get(4) + "'.\n");
          };
      return inv.ok(out);
    } catch (DrbdFail f) {
      return inv.fail(f.rc, f.getMessage());
    } catch (NumberFormatException e) {
      return inv.fail(20, "invalid number: " + e.getMessage() + "\n");
    }
  }

  /**
   * set-gi with {@code current:bitmap:h1:h2:flags…}: sets the generation; consistent when flag 1 is
   * set.
   */
  private static String setGi(Invocation inv, int minor, String dev, String gi) throws DrbdFail {
    Content c = DrbdMetaOps.content(inv, minor, dev, "set-gi");
    if (c.drbdMd == null) {
      throw new DrbdFail(1, "No valid meta data found\n");
    }
    String[] f = gi.split(":");
    try {
      DrbdMetadata md = c.drbdMd;
      md.gen = Long.parseUnsignedLong(f[0], 16);
      md.consistent = f.length > 4 && f[4].equals("1");
    } catch (NumberFormatException e) {
      throw new DrbdFail(20, "invalid GI '" + gi + "'\n");
    }
    return "";
  }
}
