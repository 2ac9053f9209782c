package io.strata.reconciler.engine;

import java.util.List;

/** The manifests did not validate; nothing may be planned or applied from them. */
public class InvalidManifestsException extends RuntimeException {
  private final List<String> errors;

  public InvalidManifestsException(List<String> errors) {
    super(
        errors.size()
            + " error(s) in the manifests — fix them; nothing was planned or applied:\n"
            + String.join("\n", errors));
    this.errors = List.copyOf(errors);
  }

  public List<String> errors() {
    return errors;
  }
}
