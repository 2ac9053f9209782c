package io.strata.executors.nvme;

import io.strata.executors.layer.Command;

/** nvme-cli argv for the initiator side (pure; cookbook §6). */
public final class NvmeCommands {
  /** Where nvme-cli keeps the node's identity; the same values go on every connect. */
  public static final String HOSTNQN_FILE = "/etc/nvme/hostnqn";

  public static final String HOSTID_FILE = "/etc/nvme/hostid";

  private NvmeCommands() {}

  public static Command listSubsys() {
    return Command.of("nvme", "list-subsys", "-o", "json");
  }

  public static Command connect(
      String transport, String address, int serviceId, String nqn, String hostNqn, String hostId) {
    return Command.of(
        "nvme",
        "connect",
        "-t",
        transport,
        "-a",
        address,
        "-s",
        String.valueOf(serviceId),
        "-n",
        nqn,
        "--hostnqn",
        hostNqn,
        "--hostid",
        hostId);
  }

  /** Re-reads a controller's namespaces: one dropped for changed identifiers comes back. */
  public static Command rescan(String controller) {
    return Command.of("nvme", "ns-rescan", controller);
  }

  public static Command disconnect(String nqn) {
    return Command.of("nvme", "disconnect", "-n", nqn);
  }
}
