package io.strata.simulator.drbd;

import io.strata.executors.host.Result;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.cmd.Tool;
import io.strata.simulator.drbd.DrbdConf.ConfError;
import io.strata.simulator.drbd.DrbdConf.Resource;
import io.strata.simulator.state.DrbdRuntime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Simulated {@code drbdadm} (drbd-utils 9.22 semantics on a DRBD 9 kernel). */
public final class DrbdadmTool implements Tool {
  private static final Set<String> IGNORED =
      Set.of(
          "--force",
          "--clear-bitmap",
          "--assume-clean",
          "--assume-peer-has-space",
          "--discard-my-data",
          "--yes",
          "--bitmap=no",
          "--wait-after-sb=yes");

  /** Parsed drbdadm command line. */
  private record Cmd(
      String command,
      List<String> targets,
      boolean dry,
      boolean force,
      boolean clearBitmap,
      String configFile,
      String test,
      String exclude,
      Integer maxPeers) {}

  /** drbd-utils 9.22 against a DRBD 9.2 kernel module. */
  static final String VERSION =
      "DRBDADM_BUILDTAG=GIT-hash:\\ 409097fe02187f83790b88ac3e0d94f3c167adab\\ reproducible\\ build\\,\\ 2023-01-09\\ 14:51:18\n"
          + "DRBDADM_API_VERSION=2\nDRBD_KERNEL_VERSION_CODE=0x09020c\nDRBD_KERNEL_VERSION=9.2.12\n"
          + "DRBDADM_VERSION_CODE=0x091600\nDRBDADM_VERSION=9.22.0\n";

  @Override
  public Result run(Invocation inv) {
    if (inv.args().contains("--version") || inv.args().contains("-V")) {
      return inv.ok(VERSION);
    }
    Cmd c;
    try {
      c = parse(inv.args());
    } catch (DrbdFail f) {
      return inv.fail(f.rc, f.getMessage());
    }
    Set<String> named = named(c);
    DrbdEngine.settle(inv.cluster(), inv.node(), named, inv.nowMillis(), inv.syncRate());
    try {
      String out = dispatch(inv, c);
      DrbdEngine.settle(inv.cluster(), inv.node(), named, inv.nowMillis(), inv.syncRate());
      return inv.ok(out);
    } catch (DrbdFail f) {
      return inv.fail(f.rc, f.getMessage());
    } catch (ConfError e) {
      return inv.fail(10, e.getMessage());
    }
  }

  private static Cmd parse(List<String> args) throws DrbdFail {
    List<String> pos = new ArrayList<>();
    boolean dry = false;
    boolean force = false;
    boolean clear = false;
    String config = null;
    String test = null;
    String exclude = null;
    Integer maxPeers = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        continue;
      }
      if (!a.startsWith("-")) {
        pos.add(a);
      } else if (a.matches("-v+") || a.equals("--verbose")) {
        continue;
      } else if (a.equals("-d") || a.equals("--dry-run")) {
        dry = true;
      } else if (a.equals("-c") || a.equals("--config-file")) {
        config = value(args, ++i, a);
      } else if (a.startsWith("--config-file=")) {
        config = a.substring(a.indexOf('=') + 1);
      } else if (a.equals("--config-to-test")) {
        test = value(args, ++i, a);
      } else if (a.equals("--config-to-exclude")) {
        exclude = value(args, ++i, a);
      } else if (a.equals("--max-peers") || a.startsWith("--max-peers=")) {
        String v = a.contains("=") ? a.substring(a.indexOf('=') + 1) : value(args, ++i, a);
        try {
          maxPeers = Integer.parseInt(v);
        } catch (NumberFormatException e) {
          throw new DrbdFail(20, "drbdadm: invalid --max-peers '" + v + "'\n");
        }
      } else if (IGNORED.contains(a)) {
        force |= a.equals("--force");
        clear |= a.equals("--clear-bitmap");
      } else {
        throw new DrbdFail(20, "drbdadm: unrecognized option '" + a + "'\ntry 'drbdadm help'\n");
      }
    }
    if (pos.isEmpty()) {
      throw new DrbdFail(20, "USAGE: drbdadm COMMAND [OPTION...] {all|RESOURCE...}\n");
    }
    return new Cmd(
        pos.get(0), pos.subList(1, pos.size()), dry, force, clear, config, test, exclude, maxPeers);
  }

  /** The resources the command names, or null for all ({@code all}, or a command without any). */
  private static Set<String> named(Cmd c) {
    Set<String> out = new HashSet<>();
    for (String t : c.targets()) {
      if (t.equals("all")) {
        return null;
      }
      out.add(t.split("/", 2)[0]);
    }
    return out.isEmpty() ? null : out;
  }

  private static String value(List<String> args, int i, String opt) throws DrbdFail {
    if (i >= args.size()) {
      throw new DrbdFail(20, "drbdadm: option '" + opt + "' requires an argument\n");
    }
    return args.get(i);
  }

  /** A selected resource and, with {@code res/vol}, one volume. */
  private record Target(Resource conf, Integer volume) {}

  private static List<Target> targets(Invocation inv, Cmd c, List<Resource> all) throws DrbdFail {
    if (c.targets().isEmpty()) {
      throw new DrbdFail(20, "USAGE: drbdadm " + c.command() + " [OPTION...] {all|RESOURCE...}\n");
    }
    List<Target> out = new ArrayList<>();
    for (String t : c.targets()) {
      if (t.equals("all")) {
        all.stream()
            .filter(r -> r.host(inv.node().name) != null)
            .forEach(r -> out.add(new Target(r, null)));
        continue;
      }
      String[] rv = t.split("/", 2);
      Resource r = all.stream().filter(x -> x.name().equals(rv[0])).findFirst().orElse(null);
      if (r == null || r.host(inv.node().name) == null) {
        throw new DrbdFail(1, "'" + rv[0] + "' not defined in your config (for this host).\n");
      }
      Integer vol = null;
      if (rv.length == 2) {
        try {
          vol = Integer.parseInt(rv[1]);
        } catch (NumberFormatException e) {
          throw new DrbdFail(20, "'" + t + "': invalid volume number\n");
        }
        if (!r.host(inv.node().name).volumes().containsKey(vol)) {
          throw new DrbdFail(1, "'" + t + "' not defined in your config (for this host).\n");
        }
      }
      out.add(new Target(r, vol));
    }
    return out;
  }

  private static String dispatch(Invocation inv, Cmd c) throws DrbdFail, ConfError {
    List<Resource> all = DrbdConfigs.load(inv.node(), c.configFile(), c.test(), c.exclude());
    switch (c.command()) {
      case "sh-nop":
        return "";
      case "sh-resources":
        return String.join(
                " ",
                all.stream()
                    .filter(r -> r.host(inv.node().name) != null)
                    .map(Resource::name)
                    .toList())
            + "\n";
      case "status":
        return status(inv, c, all);
      default:
        break;
    }
    if (!Set.of(
            "create-md",
            "adjust",
            "up",
            "down",
            "primary",
            "secondary",
            "resize",
            "new-current-uuid",
            "connect",
            "disconnect",
            "attach",
            "detach",
            "get-gi",
            "dump-md",
            "wipe-md",
            "check-resize",
            "apply-al",
            "suspend-io",
            "resume-io")
        .contains(c.command())) {
      throw new DrbdFail(20, "drbdadm: Unknown command '" + c.command() + "'\n");
    }
    StringBuilder out = new StringBuilder();
    for (Target t : targets(inv, c, all)) {
      String res = t.conf().name();
      if (c.dry()) {
        out.append("drbdsetup ").append(c.command()).append(' ').append(res).append('\n');
        continue;
      }
      switch (c.command()) {
        case "adjust" -> DrbdKernel.adjust(inv, t.conf(), false);
        case "up" -> DrbdKernel.adjust(inv, t.conf(), true);
        case "down" -> DrbdKernel.down(inv, res);
        case "primary" -> DrbdRoles.primary(inv, res, c.force());
        case "secondary" -> DrbdRoles.secondary(inv, res);
        case "new-current-uuid" -> DrbdRoles.newCurrentUuid(inv, res, t.volume(), c.clearBitmap());
        case "resize" -> DrbdKernel.resize(inv, res, t.volume());
        case "connect", "disconnect" ->
            DrbdKernel.running(inv, res, c.command()).standAlone = c.command().equals("disconnect");
        case "attach", "detach" -> attachDetach(inv, t, c.command().equals("attach"));
        case "suspend-io", "resume-io" ->
            DrbdKernel.running(inv, res, c.command()).suspendedUser =
                c.command().equals("suspend-io");
        default -> out.append(metaOp(inv, c, t));
      }
    }
    return out.toString();
  }

  private static void attachDetach(Invocation inv, Target t, boolean attach) throws DrbdFail {
    DrbdRuntime rt = DrbdKernel.running(inv, t.conf().name(), attach ? "attach" : "detach");
    if (attach) {
      DrbdKernel.adjust(inv, t.conf(), false);
    } else {
      rt.volumes.values().stream()
          .filter(v -> t.volume() == null || v.volume == t.volume())
          .forEach(
              v -> {
                v.disk = null;
                v.syncSource = null;
              });
    }
  }

  private static String metaOp(Invocation inv, Cmd c, Target t) throws DrbdFail {
    StringBuilder out = new StringBuilder();
    DrbdConf.Host me = t.conf().host(inv.node().name);
    for (DrbdConf.Volume v : me.volumes().values()) {
      if ((t.volume() != null && v.number() != t.volume()) || v.disk() == null) {
        continue;
      }
      int peers = c.maxPeers() != null ? c.maxPeers() : Math.max(1, t.conf().hosts().size() - 1);
      switch (c.command()) {
        case "create-md" ->
            out.append(DrbdMetaOps.createMd(inv, v.minor(), v.disk(), peers, c.force()));
        case "get-gi" -> out.append(DrbdMetaOps.getGi(inv, v.minor(), v.disk()));
        case "dump-md" -> out.append(DrbdMetaOps.dumpMd(inv, v.minor(), v.disk()));
        case "wipe-md" -> out.append(DrbdMetaOps.wipeMd(inv, v.minor(), v.disk()));
        case "check-resize" -> DrbdMetaOps.checkResize(inv, v.minor(), v.disk());
        default -> {}
      }
    }
    return out.toString();
  }

  private static String status(Invocation inv, Cmd c, List<Resource> all) throws DrbdFail {
    List<DrbdRuntime> list = new ArrayList<>();
    if (c.targets().isEmpty() || c.targets().contains("all")) {
      list.addAll(inv.node().drbd.values());
    } else {
      for (String t : c.targets()) {
        DrbdRuntime rt = inv.node().drbd.get(t.split("/")[0]);
        if (rt == null) {
          if (all.stream().noneMatch(r -> r.name().equals(t))) {
            throw new DrbdFail(1, "'" + t + "' not defined in your config (for this host).\n");
          }
          throw new DrbdFail(10, t + ": No such resource\n");
        }
        list.add(rt);
      }
    }
    return DrbdStatus.text(inv, list);
  }
}
