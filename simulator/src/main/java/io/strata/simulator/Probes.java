package io.strata.simulator;

import java.util.List;
import java.util.Set;

/**
 * The commands Strata runs only to look (observe and probe before acting): they never change a
 * node. Used to count state-changing operations for crash points; anything not listed counts as a
 * change, so a new probe errs on the side of one more crash point. Plan renderings hide them too.
 */
public final class Probes {
  private static final Set<String> TOOLS = Set.of("lvs", "vgs", "pvs", "blkid", "cat", "ls");
  private static final Set<List<String>> PREFIXES =
      Set.of(
          List.of("lvm", "fullreport"),
          List.of("zfs", "list"),
          List.of("zfs", "get"),
          List.of("zpool", "list"),
          List.of("zpool", "get"),
          List.of("drbdsetup", "status"),
          List.of("drbdsetup", "show"),
          List.of("drbdadm", "dump"),
          List.of("cryptsetup", "status"),
          List.of("cryptsetup", "luksDump"),
          List.of("dmsetup", "ls"),
          List.of("dmsetup", "table"),
          List.of("dmsetup", "status"),
          List.of("dmsetup", "info"),
          List.of("nvme", "list"),
          List.of("nvme", "list-subsys"),
          List.of("nvme", "show-hostnqn"));

  private Probes() {}

  public static boolean readOnly(List<String> argv) {
    List<String> a = argv.size() > 1 && argv.get(0).equals("env") ? strip(argv) : argv;
    if (a.isEmpty()) {
      return true;
    }
    if (TOOLS.contains(a.get(0))) {
      return true;
    }
    if (a.size() >= 2 && PREFIXES.contains(a.subList(0, 2))) {
      return true;
    }
    if (a.get(0).equals("drbdmeta")) {
      return a.contains("get-gi") || a.contains("dump-md");
    }
    // drbdadm sh-nop with --config-to-test validates a file and changes nothing
    return a.get(0).equals("drbdadm") && a.contains("sh-nop");
  }

  /** {@code env LC_ALL=C tool …} → {@code tool …}. */
  private static List<String> strip(List<String> argv) {
    int i = 1;
    while (i < argv.size() && argv.get(i).contains("=")) {
      i++;
    }
    return argv.subList(i, argv.size());
  }
}
