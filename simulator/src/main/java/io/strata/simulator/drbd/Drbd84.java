package io.strata.simulator.drbd;

import io.strata.executors.host.Result;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.state.FileEntry;
import io.strata.simulator.state.SimNode;
import java.nio.charset.StandardCharsets;

/**
 * A node whose kernel carries DRBD 8.4 (Debian's in-tree module): drbd-utils 9 hands {@code
 * drbdsetup} to its 8.4 variant, which knows no {@code --json} and answers with its usage, exit 20
 * (fixture {@code vm-xfail-drbdsetup-status-json.out}, captured on Debian 6.1).
 */
final class Drbd84 {
  private static final String USAGE =
      "\n"
          + "USAGE: drbdsetup command device arguments options\n"
          + "\n"
          + "Device is usually /dev/drbdX or /dev/drbd/X.\n"
          + "\n"
          + "Commands are:\n"
          + "    primary             secondary           attach              \n"
          + "    disk-options        detach              connect             \n"
          + "    net-options         disconnect          resize              \n"
          + "    resource-options    new-current-uuid    invalidate          \n"
          + "    invalidate-remote   pause-sync          resume-sync         \n"
          + "    suspend-io          resume-io           outdate             \n"
          + "    verify              down                state               \n"
          + "    role                sh-status           cstate              \n"
          + "    dstate              show-gi             get-gi              \n"
          + "    show                status              check-resize        \n"
          + "    events              events2             wait-connect        \n"
          + "    wait-sync           new-resource        new-minor           \n"
          + "    del-minor           del-resource        \n"
          + "\n"
          + "To get more details about a command issue 'drbdsetup help cmd'.\n"
          + "\n";

  private Drbd84() {}

  static boolean kernel(SimNode n) {
    FileEntry f = n.files.get("/proc/drbd");
    return f != null && text(f).startsWith("version: 8.");
  }

  static Result noJson(Invocation inv) {
    return new Result(inv.argv(), 20, USAGE.getBytes(StandardCharsets.UTF_8), new byte[0], false);
  }

  private static String text(FileEntry f) {
    return f.content() == null ? "" : f.content();
  }
}
