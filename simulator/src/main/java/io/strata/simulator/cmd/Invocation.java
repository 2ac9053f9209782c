package io.strata.simulator.cmd;

import io.strata.executors.host.Result;
import io.strata.simulator.state.ClusterState;
import io.strata.simulator.state.SimNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One command on one node, inside a cluster transaction.
 *
 * @param cluster all nodes (for cross-node semantics: DRBD peers, NVMe targets)
 * @param node the node the command runs on
 * @param argv the command line, {@code argv.get(0)} the tool
 * @param stdin what the caller fed on standard input
 * @param nowMillis simulated time
 * @param syncRate DRBD resync rate in bytes/s, 0 = instant
 */
public record Invocation(
    ClusterState cluster,
    SimNode node,
    List<String> argv,
    byte[] stdin,
    long nowMillis,
    long syncRate) {

  public String tool() {
    String t = argv.get(0);
    return t.substring(t.lastIndexOf('/') + 1);
  }

  public List<String> args() {
    return argv.subList(1, argv.size());
  }

  public String commandLine() {
    return String.join(" ", argv);
  }

  public String stdinText() {
    return new String(stdin, StandardCharsets.UTF_8);
  }

  public Result ok(String stdout) {
    return Result.ok(argv, stdout);
  }

  public Result ok(String stdout, String stderr) {
    return new Result(
        argv,
        0,
        stdout.getBytes(StandardCharsets.UTF_8),
        stderr.getBytes(StandardCharsets.UTF_8),
        false);
  }

  public Result fail(int rc, String stderr) {
    return Result.failed(
        argv, rc, stderr.endsWith("\n") || stderr.isEmpty() ? stderr : stderr + "\n");
  }

  public Result fail(int rc, String stdout, String stderr) {
    return new Result(
        argv,
        rc,
        stdout.getBytes(StandardCharsets.UTF_8),
        stderr.getBytes(StandardCharsets.UTF_8),
        false);
  }
}
