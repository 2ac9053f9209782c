package io.strata.simulator.drbd;

/** A failed DRBD command: drbdadm's exit code and text. */
final class DrbdFail extends Exception {
  final int rc;

  DrbdFail(int rc, String message) {
    super(message);
    this.rc = rc;
  }
}
