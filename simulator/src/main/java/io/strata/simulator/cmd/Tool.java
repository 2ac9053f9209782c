package io.strata.simulator.cmd;

import io.strata.executors.host.Result;

/** A simulated command-line tool (lvm, zfs, cryptsetup, drbdadm, nvme, …). */
@FunctionalInterface
public interface Tool {
  /** Runs the command; failures are results with the real tool's exit code and text. */
  Result run(Invocation inv);
}
