package io.strata.reconciler.daemon;

import java.util.List;

/** The result of validating a commit's manifests. */
public sealed interface Validation<D> {
  /** The manifests are valid; {@code desired} is the model the planner needs. */
  record Valid<D>(D desired) implements Validation<D> {}

  /** The manifests are invalid: never acted on. */
  record Invalid<D>(List<ValidationError> errors) implements Validation<D> {
    public Invalid {
      errors = List.copyOf(errors);
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("an invalid commit needs at least one error");
      }
    }
  }
}
