package io.strata.simulator;

import java.util.List;

/**
 * One operation a simulated node received, in order: a command ({@code argv}), or a file operation
 * ({@code argv} = ["writeFile", path] / ["deleteFile", path]).
 *
 * @param seq position in the cluster-wide log
 * @param node the node
 * @param argv what ran
 * @param exitCode its exit code (0 for file operations)
 * @param injected true when the result came from an injected fault
 * @param pid the process that sent it (two daemons of an HA pair tell apart by it)
 * @param startedMillis when the host was asked, epoch ms (before any wait for the cluster lock)
 * @param endedMillis when it finished, epoch ms
 */
public record CommandRecord(
    long seq,
    String node,
    List<String> argv,
    int exitCode,
    boolean injected,
    long pid,
    long startedMillis,
    long endedMillis) {
  public CommandRecord {
    argv = List.copyOf(argv);
  }

  /** True for a write, a removal or a command that changes state (not a probe). */
  public boolean mutating() {
    return argv.get(0).equals("writeFile")
        || argv.get(0).equals("deleteFile")
        || !Probes.readOnly(argv);
  }

  /** The argv joined by spaces (for matching in tests and messages). */
  public String command() {
    return String.join(" ", argv);
  }
}
