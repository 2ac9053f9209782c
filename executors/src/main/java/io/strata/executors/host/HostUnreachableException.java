package io.strata.executors.host;

/** The node could not be reached at all (connection refused, host key rejected, node down). */
public class HostUnreachableException extends RuntimeException {
  public HostUnreachableException(String node, String why) {
    super(node + ": unreachable: " + why);
  }

  public HostUnreachableException(String node, String why, Throwable cause) {
    super(node + ": unreachable: " + why, cause);
  }
}
