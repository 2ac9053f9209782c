package io.strata.simulator.luks;

import io.strata.executors.host.Result;
import io.strata.simulator.cmd.Devices;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.cmd.Tool;
import io.strata.simulator.state.CryptMapping;
import java.util.List;

/** Simulated {@code dmsetup ls|table|status [--target crypt]} over the node's crypt mappings. */
public final class DmsetupTool implements Tool {
  @Override
  public Result run(Invocation inv) {
    List<String> a = inv.args();
    if (a.isEmpty()) {
      return inv.fail(1, "Usage:\n\ndmsetup\n        [--version] [-h|--help [-c|-C|--columns]]\n");
    }
    int t = a.indexOf("--target");
    String target = t >= 0 && t + 1 < a.size() ? a.get(t + 1) : null;
    boolean crypt = target == null || target.equals("crypt");
    StringBuilder sb = new StringBuilder();
    switch (a.get(0)) {
      case "ls" -> {
        for (CryptMapping m : inv.node().mappings.values()) {
          if (crypt) {
            sb.append(m.name).append("\t(253:").append(m.dmMinor).append(")\n");
          }
        }
        return inv.ok(sb.length() == 0 ? "No devices found\n" : sb.toString());
      }
      case "table", "status" -> {
        for (CryptMapping m : inv.node().mappings.values()) {
          if (!crypt) {
            continue;
          }
          long sectors =
              Devices.resolve(inv.cluster(), inv.node(), "/dev/mapper/" + m.name)
                      .map(d -> Devices.size(inv.cluster(), inv.node(), d))
                      .orElse(0L)
                  / 512;
          sb.append(m.name).append(": 0 ").append(sectors).append(" crypt");
          if (a.get(0).equals("table")) {
            sb.append(" aes-xts-plain64 :64:logon:cryptsetup:")
                .append(m.name)
                .append(" 0 ")
                .append(
                    Devices.resolve(inv.cluster(), inv.node(), m.device)
                        .map(Devices::number)
                        .orElse("0:0"))
                .append(' ')
                .append(Devices.LUKS_HEADER / 512)
                .append(m.discards ? " 1 allow_discards" : "");
          }
          sb.append('\n');
        }
        return inv.ok(sb.length() == 0 ? "No devices found\n" : sb.toString());
      }
      default -> {
        return inv.fail(1, "Unknown command: " + a.get(0) + "\n");
      }
    }
  }
}
