package io.strata.simulator.luks;

import io.strata.executors.host.Result;
import io.strata.simulator.cmd.Devices;
import io.strata.simulator.cmd.Ids;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.cmd.SuspendedIo;
import io.strata.simulator.cmd.Tool;
import io.strata.simulator.state.Content;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Simulated {@code blkid [-p] [-o export|value|full] [-s TAG] <dev>}: rc 2 and no output for a
 * device without signatures, otherwise its first signature (LUKS, filesystem, DRBD metadata).
 */
public final class BlkidTool implements Tool {
  @Override
  public Result run(Invocation inv) {
    String format = "full";
    List<String> tags = new ArrayList<>();
    List<String> devs = new ArrayList<>();
    List<String> a = inv.args();
    for (int i = 0; i < a.size(); i++) {
      switch (a.get(i)) {
        case "-p", "--probe", "-c", "-g", "-L", "-U" -> {
          if (a.get(i).equals("-c")) {
            i++;
          }
        }
        case "-o", "--output" -> format = i + 1 < a.size() ? a.get(++i) : format;
        case "-s", "--match-tag" -> tags.add(i + 1 < a.size() ? a.get(++i) : "");
        default -> {
          if (a.get(i).startsWith("-")) {
            return inv.fail(4, "blkid: invalid option -- '" + a.get(i) + "'\n");
          }
          devs.add(a.get(i));
        }
      }
    }
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    boolean found = false;
    for (String dev : devs) {
      Optional<Devices.Dev> d = Devices.resolve(inv.cluster(), inv.node(), dev);
      if (d.isEmpty()) {
        err.append("blkid: error: ").append(dev).append(": No such file or directory\n");
        continue;
      }
      SuspendedIo.check(dev, d.get());
      Content c = Devices.content(inv.cluster(), inv.node(), d.get());
      // a DRBD device shows the data above its metadata, never the metadata itself
      Map<String, String> v =
          c == null ? Map.of() : values(c, !(d.get() instanceof Devices.DrbdDev));
      if (v.isEmpty()) {
        continue;
      }
      found = true;
      Map<String, String> shown = new LinkedHashMap<>();
      v.forEach(
          (k, val) -> {
            if (tags.isEmpty() || tags.contains(k)) {
              shown.put(k, val);
            }
          });
      switch (format) {
        case "export" -> {
          out.append("DEVNAME=").append(dev).append('\n');
          shown.forEach((k, val) -> out.append(k).append('=').append(val).append('\n'));
        }
        case "value" -> shown.values().forEach(val -> out.append(val).append('\n'));
        default -> {
          out.append(dev).append(':');
          shown.forEach(
              (k, val) -> out.append(' ').append(k).append("=\"").append(val).append('"'));
          out.append('\n');
        }
      }
    }
    return found ? inv.ok(out.toString(), err.toString()) : inv.fail(2, err.toString());
  }

  private static Map<String, String> values(Content c, boolean showDrbd) {
    Map<String, String> v = new LinkedHashMap<>();
    if (c.luks != null) {
      v.put("UUID", c.luks.uuid);
      if (c.luks.label != null) {
        v.put("LABEL", c.luks.label);
      }
      if (c.luks.subsystem != null) {
        v.put("SUBSYSTEM", c.luks.subsystem);
      }
      v.put("VERSION", Integer.toString(c.luks.version));
      v.put("TYPE", "crypto_LUKS");
      v.put("USAGE", "crypto");
    } else if (c.fsType != null) {
      v.put("UUID", Ids.uuid("fs" + c.generation).toString());
      v.put("BLOCK_SIZE", "4096");
      v.put("TYPE", c.fsType);
      v.put("USAGE", "filesystem");
    } else if (c.drbdMd != null && showDrbd) {
      v.put("VERSION", "v09");
      v.put("TYPE", "drbd");
      v.put("USAGE", "raid");
    }
    return v;
  }
}
