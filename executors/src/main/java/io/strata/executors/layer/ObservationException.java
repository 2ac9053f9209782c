package io.strata.executors.layer;

/**
 * Observing a node failed in a way that makes its state unknown (a tool failed or printed output
 * that does not parse). The caller records the node as unreachable/unknown with this message.
 */
public class ObservationException extends RuntimeException {
  public ObservationException(String message) {
    super(message);
  }

  public ObservationException(String message, Throwable cause) {
    super(message, cause);
  }
}
