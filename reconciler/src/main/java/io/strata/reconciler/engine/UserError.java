package io.strata.reconciler.engine;

/** An error the operator can fix; printed as one line without a stack trace, exit code 1. */
public class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }
}
