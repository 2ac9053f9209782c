package io.strata.schema.load;

import io.strata.schema.diag.Diagnostic;
import io.strata.schema.model.DesiredState;
import java.util.List;

/**
 * The outcome of loading a manifest repository: all of it valid, or every error found. There is no
 * partial result: validation is all-or-nothing per commit (ARCHITECTURE.md §3).
 */
public sealed interface LoadResult {
  /** Every document passed every check; {@code documents} counts the non-empty documents read. */
  record Valid(DesiredState state, int documents) implements LoadResult {}

  /** At least one error; sorted by file, line, column, message. Never empty. */
  record Invalid(List<Diagnostic> errors) implements LoadResult {
    public Invalid {
      errors = errors.stream().sorted(Diagnostic.ORDER).toList();
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("an invalid result needs at least one error");
      }
    }

    /** One {@code file:line:column: message} line per error. */
    public String render() {
      StringBuilder b = new StringBuilder();
      errors.forEach(e -> b.append(e).append('\n'));
      return b.toString();
    }
  }

  default boolean valid() {
    return this instanceof Valid;
  }
}
