package io.strata.executors.sim;

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
 */
public record CommandRecord(
    long seq, String node, List<String> argv, int exitCode, boolean injected) {
  public CommandRecord {
    argv = List.copyOf(argv);
  }
}
