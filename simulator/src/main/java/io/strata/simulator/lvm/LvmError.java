package io.strata.simulator.lvm;

/** A failed LVM command: exit code and the text lvm2 prints on stderr. */
final class LvmError extends Exception {
  final int rc;

  LvmError(int rc, String message) {
    super(message);
    this.rc = rc;
  }

  static LvmError failed(String message) {
    return new LvmError(5, message);
  }

  static LvmError badArgs(String message) {
    return new LvmError(3, message);
  }
}
