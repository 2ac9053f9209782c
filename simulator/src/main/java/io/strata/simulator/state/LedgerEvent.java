package io.strata.simulator.state;

/**
 * A destruction of a device that held data: a data-loss event unless the destruction was authorized
 * beforehand with {@link SimulatedCluster#authorizeDestruction}.
 *
 * @param seq position in the cluster's ledger (1, 2, …)
 * @param node the node the device is on
 * @param device canonical device path (e.g. {@code /dev/vg0/pg-data_00000})
 * @param kind whether data was lost or the destruction was authorized
 * @param operation what destroyed it (luksFormat, create-md, lvremove, …)
 * @param command the command line that did it
 * @param generation the content generation that was destroyed
 */
public record LedgerEvent(
    long seq,
    String node,
    String device,
    Kind kind,
    String operation,
    String command,
    long generation) {

  /** What happened to the data. */
  public enum Kind {
    DATA_LOSS,
    AUTHORIZED_DESTRUCTION
  }

  public boolean dataLoss() {
    return kind == Kind.DATA_LOSS;
  }
}
