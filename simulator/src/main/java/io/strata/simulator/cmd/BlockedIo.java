package io.strata.simulator.cmd;

/**
 * A command read a block device whose I/O cannot complete — an NVMe-oF namespace whose target went
 * away: the kernel queues I/O for {@code ctrl_loss_tmo} (600 s) and the reader sleeps
 * uninterruptibly. The simulated host turns it into what the caller sees on a real node: the
 * command runs until its timeout.
 */
public final class BlockedIo extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BlockedIo(String device) {
    this(device, "NVMe-oF path down, queued for ctrl_loss_tmo");
  }

  public BlockedIo(String device, String why) {
    super(device + ": I/O blocked (" + why + ")");
  }
}
