package io.strata.reconciler.cli;

/** Exit codes of ARCHITECTURE.md §11, the same for every command. */
public final class ExitCodes {
  /** Success; for {@code plan --detailed-exitcode}: no changes; for {@code drift}: in sync. */
  public static final int OK = 0;

  /** An error: invalid manifests, a stale plan, a failed apply, bad options. */
  public static final int ERROR = 1;

  /** Changes present ({@code plan --detailed-exitcode}), drift found, data loss in the ledger. */
  public static final int CHANGES = 2;

  private ExitCodes() {}
}
