package io.strata.simulator;

import io.strata.executors.host.Result;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.cmd.Tool;
import io.strata.simulator.drbd.DrbdadmTool;
import io.strata.simulator.drbd.DrbdmetaTool;
import io.strata.simulator.drbd.DrbdsetupTool;
import io.strata.simulator.luks.BlkidTool;
import io.strata.simulator.luks.CryptsetupTool;
import io.strata.simulator.luks.DmsetupTool;
import io.strata.simulator.lvm.LvmTool;
import io.strata.simulator.nvme.NvmeTool;
import io.strata.simulator.sys.BasicTools;
import io.strata.simulator.zfs.ZfsTool;
import io.strata.simulator.zfs.ZpoolTool;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Which simulated tool answers which command; anything else is "command not found" (127). */
final class Tools {
  private final Map<String, Tool> tools = new HashMap<>();

  Tools() {
    LvmTool lvm = new LvmTool();
    LvmTool.COMMANDS.forEach(c -> tools.put(c, lvm));
    BasicTools basic = new BasicTools();
    BasicTools.COMMANDS.forEach(c -> tools.put(c, basic));
    tools.put("drbdadm", new DrbdadmTool());
    tools.put("drbdsetup", new DrbdsetupTool());
    tools.put("drbdmeta", new DrbdmetaTool());
    tools.put("cryptsetup", new CryptsetupTool());
    tools.put("dmsetup", new DmsetupTool());
    tools.put("blkid", new BlkidTool());
    tools.put("zfs", new ZfsTool());
    tools.put("zpool", new ZpoolTool());
    tools.put("nvme", new NvmeTool());
  }

  Result run(Invocation inv) {
    List<String> argv = inv.argv();
    int skip = 0;
    if (argv.get(0).equals("env") || argv.get(0).endsWith("/env")) {
      skip = 1;
      while (skip < argv.size() && argv.get(skip).contains("=")) {
        skip++;
      }
    } else if (argv.get(0).equals("sudo")) {
      skip = 1;
      while (skip < argv.size() && argv.get(skip).startsWith("-")) {
        skip++;
      }
    }
    if (skip > 0) {
      if (skip >= argv.size()) {
        return inv.ok("");
      }
      return run(
          new Invocation(
              inv.cluster(),
              inv.node(),
              argv.subList(skip, argv.size()),
              inv.stdin(),
              inv.nowMillis(),
              inv.syncRate()));
    }
    Tool t = tools.get(inv.tool());
    if (t == null) {
      return inv.fail(127, "sh: 1: " + argv.get(0) + ": not found\n");
    }
    try {
      return t.run(inv);
    } catch (NumberFormatException e) {
      // the tools' own argument checks; parsing happens before any change is made
      return inv.fail(1, inv.tool() + ": invalid numeric value: " + e.getMessage() + "\n");
    }
  }
}
