package io.strata.simulator.drbd;

import io.strata.executors.host.Result;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.cmd.Tool;
import io.strata.simulator.state.DrbdRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Simulated {@code drbdsetup}: status (text and {@code --json}), down, primary/secondary, peers.
 */
public final class DrbdsetupTool implements Tool {
  /** Subcommands that change nothing. */
  private static final Set<String> LOOKS_ONLY =
      Set.of("status", "events2", "wait-connect-resource", "wait-sync-resource");

  @Override
  public Result run(Invocation inv) {
    List<String> pos = new ArrayList<>();
    boolean json = false;
    boolean force = false;
    for (String a : inv.args()) {
      if (a.equals("--json") || a.equals("-j")) {
        json = true;
      } else if (a.equals("--force")) {
        force = true;
      } else if (!a.startsWith("-")) {
        pos.add(a);
      }
    }
    if (pos.isEmpty()) {
      return inv.fail(20, "USAGE: drbdsetup command {arguments} [options]\n");
    }
    if (json && Drbd84.kernel(inv.node())) {
      return Drbd84.noJson(inv);
    }
    String cmd = pos.get(0);
    String res = pos.size() > 1 ? pos.get(1) : null;
    Set<String> named = res == null || res.equals("all") ? null : Set.of(res);
    DrbdEngine.settle(inv.cluster(), inv.node(), named, inv.nowMillis(), inv.syncRate());
    try {
      String out =
          switch (cmd) {
            case "status" -> status(inv, res, json);
            case "down" -> {
              DrbdKernel.down(inv, need(res, cmd));
              yield "";
            }
            case "primary" -> {
              DrbdRoles.primary(inv, need(res, cmd), force);
              yield "";
            }
            case "secondary" -> {
              DrbdRoles.secondary(inv, need(res, cmd));
              yield "";
            }
            case "disconnect", "connect" -> {
              DrbdKernel.running(inv, need(res, cmd), cmd).standAlone = cmd.equals("disconnect");
              yield "";
            }
            case "events2" -> {
              List<DrbdRuntime> list = new ArrayList<>();
              if (res == null || res.equals("all")) {
                list.addAll(inv.node().drbd.values());
              } else {
                list.add(DrbdKernel.running(inv, res, cmd));
              }
              yield DrbdEvents.now(
                  inv, list, inv.args().contains("--statistics") || inv.args().contains("-s"));
            }
            case "wait-connect-resource", "wait-sync-resource" -> {
              DrbdRuntime rt = DrbdKernel.running(inv, need(res, cmd), cmd);
              boolean all =
                  rt.peers.values().stream()
                      .allMatch(
                          p ->
                              io.strata.simulator.cmd.DrbdLinks.peerRuntime(
                                      inv.cluster(), inv.node(), rt, p)
                                  .isPresent());
              if (!all) {
                throw new DrbdFail(5, res + ": timed out waiting for connections\n");
              }
              yield "";
            }
            case "del-peer", "forget-peer" -> {
              DrbdRuntime rt = DrbdKernel.running(inv, need(res, cmd), cmd);
              if (cmd.equals("del-peer") && pos.size() > 2) {
                rt.peers.values().removeIf(p -> Integer.toString(p.nodeId).equals(pos.get(2)));
              }
              yield "";
            }
            default -> throw new DrbdFail(20, "drbdsetup: unknown command '" + cmd + "'\n");
          };
      if (!LOOKS_ONLY.contains(cmd)) {
        // what the command changed may start or end a resync; a command that only looks changed
        // nothing since the settle above, at the same instant, so settling again would find
        // nothing (every status read of a daemon's observation paid for it twice)
        DrbdEngine.settle(inv.cluster(), inv.node(), named, inv.nowMillis(), inv.syncRate());
      }
      return inv.ok(out);
    } catch (DrbdFail f) {
      return inv.fail(f.rc, f.getMessage());
    }
  }

  private static String need(String res, String cmd) throws DrbdFail {
    if (res == null) {
      throw new DrbdFail(20, "USAGE: drbdsetup " + cmd + " {resource} [options]\n");
    }
    return res;
  }

  private static String status(Invocation inv, String res, boolean json) throws DrbdFail {
    List<DrbdRuntime> list = new ArrayList<>();
    if (res == null || res.equals("all")) {
      list.addAll(inv.node().drbd.values());
    } else {
      DrbdRuntime rt = inv.node().drbd.get(res);
      if (rt == null) {
        throw new DrbdFail(10, res + ": No such resource\n");
      }
      list.add(rt);
    }
    return json ? DrbdStatus.json(inv, list) : DrbdStatus.text(inv, list);
  }
}
