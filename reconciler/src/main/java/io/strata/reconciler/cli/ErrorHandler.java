package io.strata.reconciler.cli;

import io.strata.reconciler.config.ConfigException;
import io.strata.reconciler.engine.InvalidManifestsException;
import io.strata.reconciler.engine.UserError;
import picocli.CommandLine;

/**
 * Turns exceptions into one clear line on stderr and exit code 1. Operational errors (bad config,
 * unreadable files) carry their own message; anything else is a bug and shows its stack trace only
 * with {@code STRATA_DEBUG=1}.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
    if (ex instanceof ConfigException
        || ex instanceof UserError
        || ex instanceof InvalidManifestsException) {
      cmd.getErr().println("strata: " + ex.getMessage());
    } else {
      cmd.getErr().println("strata: internal error: " + ex);
      if ("1".equals(System.getenv("STRATA_DEBUG"))) {
        ex.printStackTrace(cmd.getErr());
      } else {
        cmd.getErr().println("(set STRATA_DEBUG=1 for the stack trace, and please report it)");
      }
    }
    return ExitCodes.ERROR;
  }
}
