package io.strata.simulator.sys;

import io.strata.executors.host.Result;
import io.strata.simulator.cmd.DataLedger;
import io.strata.simulator.cmd.Devices;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.cmd.SuspendedIo;
import io.strata.simulator.cmd.Tool;
import io.strata.simulator.nvme.Configfs;
import io.strata.simulator.state.Content;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Small system commands a node agent uses around the storage tools. */
public final class BasicTools implements Tool {
  public static final Set<String> COMMANDS =
      Set.of(
          "uname",
          "hostname",
          "true",
          "false",
          "cat",
          "mkdir",
          "rmdir",
          "rm",
          "ln",
          "blockdev",
          "udevadm",
          "sync",
          "test",
          "wipefs",
          "mkfs.ext4",
          "mkfs.xfs",
          "mkfs",
          "shred",
          "dd");

  @Override
  public Result run(Invocation inv) {
    List<String> a = inv.args();
    List<String> pos = a.stream().filter(s -> !s.startsWith("-")).toList();
    try {
      return switch (inv.tool()) {
        case "uname" -> uname(inv, a);
        case "hostname" -> inv.ok(inv.node().name + "\n");
        case "true", "sync" -> inv.ok("");
        case "false" -> inv.fail(1, "");
        case "udevadm" -> inv.ok("");
        case "cat" -> cat(inv, pos);
        case "mkdir" -> mkdir(inv, pos, a.contains("-p"));
        case "rmdir" -> rm(inv, pos, true, false);
        case "rm" -> rm(inv, pos, false, a.contains("-f") || a.contains("-rf"));
        case "ln" -> ln(inv, pos);
        case "blockdev" -> blockdev(inv, a);
        case "test" -> test(inv, a);
        case "wipefs" ->
            a.contains("-J") || a.contains("--json")
                ? wipefsJson(inv, pos)
                : wipe(inv, pos, a.contains("-a") || a.contains("--all"), null);
        case "dd" -> DdTool.run(inv, a);
        case "shred" -> wipe(inv, pos.stream().filter(p -> p.startsWith("/")).toList(), true, null);
        default ->
            wipe(
                inv,
                pos,
                true,
                inv.tool().startsWith("mkfs.") ? inv.tool().substring(5) : typeOf(a));
      };
    } catch (UncheckedIOException e) {
      String msg = e.getCause().getMessage();
      return inv.fail(1, inv.tool() + ": " + msg + "\n");
    }
  }

  private static Result uname(Invocation inv, List<String> a) {
    if (a.contains("-a")) {
      return inv.ok("Linux " + inv.node().name + " 6.1.0-sim #1 SMP x86_64 GNU/Linux\n");
    }
    if (a.contains("-n")) {
      return inv.ok(inv.node().name + "\n");
    }
    return inv.ok(a.contains("-r") ? "6.1.0-sim\n" : "Linux\n");
  }

  private static String typeOf(List<String> a) {
    int i = a.indexOf("-t");
    return i >= 0 && i + 1 < a.size() ? a.get(i + 1) : "ext2";
  }

  private static Result cat(Invocation inv, List<String> pos) {
    StringBuilder sb = new StringBuilder();
    for (String p : pos) {
      Optional<byte[]> b = FileSystem.read(inv.cluster(), inv.node(), p);
      if (b.isEmpty()) {
        return inv.fail(1, "cat: " + p + ": No such file or directory\n");
      }
      sb.append(new String(b.get(), java.nio.charset.StandardCharsets.UTF_8));
    }
    return inv.ok(sb.toString());
  }

  private static Result mkdir(Invocation inv, List<String> pos, boolean parents) {
    for (String p : pos) {
      if (FileSystem.exists(inv.node(), p)) {
        if (!parents) {
          return inv.fail(1, "mkdir: cannot create directory '" + p + "': File exists\n");
        }
        continue;
      }
      if (!parents
          && !FileSystem.exists(inv.node(), FileSystem.parent(p))
          && !FileSystem.configfs(p)) {
        return inv.fail(
            1, "mkdir: cannot create directory '" + p + "': No such file or directory\n");
      }
      if (FileSystem.configfs(p)) {
        Configfs.mkdir(inv.cluster(), inv.node(), p);
      } else {
        FileSystem.mkdirs(inv.node(), p);
      }
    }
    return inv.ok("");
  }

  private static Result rm(Invocation inv, List<String> pos, boolean dir, boolean force) {
    for (String p : pos) {
      if (FileSystem.configfs(p)) {
        try {
          Configfs.remove(inv.cluster(), inv.node(), p, dir);
        } catch (UncheckedIOException e) {
          if (force && e.getCause().getMessage().endsWith("No such file or directory")) {
            continue;
          }
          String what = dir ? "rmdir: failed to remove '" : "rm: cannot remove '";
          String msg = e.getCause().getMessage();
          return inv.fail(1, what + p + "': " + msg.substring(msg.indexOf(": ") + 2) + "\n");
        }
      } else if (!FileSystem.exists(inv.node(), p)) {
        if (!force) {
          return inv.fail(
              1,
              (dir ? "rmdir: failed to remove '" : "rm: cannot remove '")
                  + p
                  + "': No such file or directory\n");
        }
      } else if (dir) {
        if (!FileSystem.list(inv.node(), p).isEmpty()) {
          return inv.fail(1, "rmdir: failed to remove '" + p + "': Directory not empty\n");
        }
        inv.node().dirs.remove(p);
      } else {
        FileSystem.delete(inv.cluster(), inv.node(), p);
      }
    }
    return inv.ok("");
  }

  private static Result ln(Invocation inv, List<String> pos) {
    if (pos.size() != 2) {
      return inv.fail(1, "ln: missing file operand\n");
    }
    if (FileSystem.configfs(pos.get(1))) {
      try {
        Configfs.link(inv.node(), pos.get(0), pos.get(1));
      } catch (UncheckedIOException e) {
        String msg = e.getCause().getMessage();
        return inv.fail(
            1,
            "ln: failed to create symbolic link '"
                + pos.get(1)
                + "': "
                + msg.substring(msg.indexOf(": ") + 2)
                + "\n");
      }
    } else {
      if (inv.node().links.containsKey(pos.get(1))) {
        return inv.fail(
            1, "ln: failed to create symbolic link '" + pos.get(1) + "': File exists\n");
      }
      inv.node().links.put(pos.get(1), pos.get(0));
    }
    return inv.ok("");
  }

  private static Result blockdev(Invocation inv, List<String> a) {
    String dev = a.isEmpty() ? "" : a.get(a.size() - 1);
    Optional<Devices.Dev> d = Devices.resolve(inv.cluster(), inv.node(), dev);
    if (d.isEmpty()) {
      return inv.fail(1, "blockdev: cannot open " + dev + ": No such file or directory\n");
    }
    long size = Devices.size(inv.cluster(), inv.node(), d.get());
    if (a.contains("--getsize64")) {
      return inv.ok(size + "\n");
    }
    if (a.contains("--getsz")) {
      return inv.ok(size / 512 + "\n");
    }
    return inv.fail(1, "blockdev: Unknown command\n");
  }

  private static Result test(Invocation inv, List<String> a) {
    if (a.size() != 2) {
      return inv.fail(2, "");
    }
    boolean ok =
        switch (a.get(0)) {
          case "-b" -> Devices.resolve(inv.cluster(), inv.node(), a.get(1)).isPresent();
          case "-e" ->
              FileSystem.exists(inv.node(), a.get(1))
                  || Devices.resolve(inv.cluster(), inv.node(), a.get(1)).isPresent();
          case "-f" -> inv.node().files.containsKey(a.get(1));
          case "-d" -> inv.node().dirs.contains(a.get(1));
          default -> false;
        };
    return ok ? inv.ok("") : inv.fail(1, "");
  }

  /** {@code wipefs -n -J}: the signatures as util-linux's JSON. */
  private static Result wipefsJson(Invocation inv, List<String> pos) {
    String dev = pos.isEmpty() ? "" : pos.get(pos.size() - 1);
    Optional<Devices.Dev> d = Devices.resolve(inv.cluster(), inv.node(), dev);
    if (d.isEmpty()) {
      return inv.fail(
          1,
          "wipefs: error: " + dev + ": probing initialization failed: No such file or directory\n");
    }
    Content c = Devices.content(inv.cluster(), inv.node(), d.get());
    List<String> sigs = new ArrayList<>();
    String name = dev.substring(dev.lastIndexOf('/') + 1);
    if (c != null && c.luks != null) {
      sigs.add(
          "      {\n         \"device\": \""
              + name
              + "\",\n         \"offset\": \"0x0\",\n         \"uuid\": \""
              + c.luks.uuid
              + "\",\n         \"label\": "
              + (c.luks.label == null ? "null" : "\"" + c.luks.label + "\"")
              + ",\n         \"type\": \"crypto_LUKS\"\n      }");
    }
    if (c != null && c.fsType != null) {
      sigs.add(
          "      {\n         \"device\": \""
              + name
              + "\",\n         \"offset\": \"0x438\",\n         \"uuid\": null,\n"
              + "         \"label\": null,\n         \"type\": \""
              + c.fsType
              + "\"\n      }");
    }
    if (sigs.isEmpty()) {
      return inv.ok("");
    }
    return inv.ok("{\n   \"signatures\": [\n" + String.join(",\n", sigs) + "\n   ]\n}\n");
  }

  /** wipefs -a, mkfs: destroy signatures (and, for mkfs, write a filesystem). */
  private static Result wipe(Invocation inv, List<String> pos, boolean write, String fs) {
    if (pos.isEmpty()) {
      return inv.fail(1, inv.tool() + ": no device specified\n");
    }
    String dev = pos.get(pos.size() - 1);
    Optional<Devices.Dev> d = Devices.resolve(inv.cluster(), inv.node(), dev);
    if (d.isEmpty()) {
      return inv.fail(1, inv.tool() + ": " + dev + ": No such file or directory\n");
    }
    SuspendedIo.check(dev, d.get());
    Content c = Devices.content(inv.cluster(), inv.node(), d.get());
    if (c == null) {
      return inv.fail(1, inv.tool() + ": " + dev + ": cannot open: Device or resource busy\n");
    }
    if (!write) {
      List<String> sigs = new ArrayList<>();
      if (c.luks != null) {
        sigs.add(dev + ": crypto_LUKS");
      }
      if (c.fsType != null) {
        sigs.add(dev + ": " + c.fsType);
      }
      return inv.ok(String.join("\n", sigs) + (sigs.isEmpty() ? "" : "\n"));
    }
    if (fs != null || !c.blank()) {
      DataLedger.destroy(inv, d.get().path(), c, fs == null ? "wipefs" : "mkfs." + fs);
    }
    c.luks = null;
    c.drbdMd = fs == null ? null : c.drbdMd;
    c.fsType = fs;
    return inv.ok("");
  }
}
