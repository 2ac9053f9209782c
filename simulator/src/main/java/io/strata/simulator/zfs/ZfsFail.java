package io.strata.simulator.zfs;

/** A failed zfs/zpool command: rc 1 (error) or 2 (usage) and libzfs's text. */
final class ZfsFail extends Exception {
  final int rc;

  ZfsFail(int rc, String message) {
    super(message);
    this.rc = rc;
  }

  static ZfsFail error(String message) {
    return new ZfsFail(1, message);
  }

  static ZfsFail usage(String message) {
    return new ZfsFail(2, message);
  }
}
