package io.strata.executors.drbd;

import io.strata.executors.layer.Blkid;
import io.strata.executors.layer.Command;
import io.strata.planner.observed.DrbdConfig;

/** Builds drbdadm / drbdsetup / drbdmeta / blkid argv (pure; cookbook §4). */
public final class DrbdCommands {
  private DrbdCommands() {}

  /** One call for every resource of the node. */
  public static Command status() {
    return Command.of("drbdsetup", "status", "--json");
  }

  /** Suspends (freezes) the resource's application I/O on this node (cookbook §1.7). */
  public static Command suspendIo(String res) {
    return Command.of("drbdadm", "suspend-io", res);
  }

  public static Command resumeIo(String res) {
    return Command.of("drbdadm", "resume-io", res);
  }

  public static Command status(String res) {
    return Command.of("drbdsetup", "status", "--json", res);
  }

  /** Validates a new file in place of the installed one (LINSTOR's checkResFile). */
  public static Command validate(String tmpFile, String file) {
    return Command.of(
        "drbdadm", "--config-to-test", tmpFile, "--config-to-exclude", file, "sh-nop");
  }

  /** "Metadata present?": rc 1 or 255 = none, 0 = present, 20 = no such device (cookbook §4.2). */
  public static Command getGi(int minor, String disk) {
    return Command.of(
        "drbdmeta",
        String.valueOf(minor),
        "v09",
        disk,
        "internal",
        "get-gi",
        "--node-id",
        "0",
        "--force");
  }

  /** "Holds data?": rc 2 and no output = empty (cookbook §3.5). */
  public static Command blkid(String device) {
    return Blkid.command(device);
  }

  /** LINSTOR's argv; {@code --force} overwrites, so it only ever runs after the probes. */
  public static Command createMd(String res, int maxPeers) {
    return Command.of(
        "drbdadm",
        "-vvv",
        "--max-peers",
        String.valueOf(maxPeers),
        "--",
        "--force",
        "create-md",
        res + "/0");
  }

  public static Command adjust(String res) {
    return Command.of("drbdadm", "-vvv", "adjust", res);
  }

  public static Command primaryForce(String res) {
    return Command.of("drbdadm", "primary", "--force", res);
  }

  public static Command secondary(String res) {
    return Command.of("drbdadm", "secondary", res);
  }

  public static Command newCurrentUuidClearBitmap(String res) {
    return Command.of("drbdadm", "new-current-uuid", "--clear-bitmap", res + "/0");
  }

  public static Command resize(String res) {
    return Command.of("drbdadm", "-vvv", "resize", res + "/0");
  }

  /** Frees the bitmap slot of a peer that left the resource (cookbook §4.6). */
  public static Command forgetPeer(String res, int nodeId) {
    return Command.of("drbdsetup", "forget-peer", res, String.valueOf(nodeId));
  }

  public static Command down(String res) {
    return Command.of("drbdadm", "down", res);
  }

  /** The bitmap slots to reserve: the configured peer slots, at least the other hosts. */
  public static int maxPeers(DrbdConfig c) {
    return Math.max(Math.max(1, c.hosts().size() - 1), c.peerSlots());
  }
}
