package io.strata.simulator.cmd;

/**
 * A DRBD device whose I/O is suspended ({@code drbdadm suspend-io}) does not complete reads or
 * writes until {@code resume-io}: a command that touches it blocks, as on a real node, until its
 * timeout (docs/decisions/022).
 */
public final class SuspendedIo {
  private SuspendedIo() {}

  /** Throws {@link BlockedIo} when {@code d} is a DRBD device whose I/O is suspended. */
  public static void check(String path, Devices.Dev d) {
    if (d instanceof Devices.DrbdDev dd && dd.res().suspendedUser) {
      throw new BlockedIo(path, "DRBD I/O suspended (drbdadm suspend-io), waiting for resume-io");
    }
  }
}
