package io.strata.reconciler.daemon;

/**
 * One problem in the manifests: the file (path in the repository), 1-based line and column (0 when
 * unknown) and what is wrong.
 */
public record ValidationError(String file, int line, int column, String message) {
  /** {@code file:line:col: message}, the form editors and CI annotate. */
  public String render() {
    return file + ":" + line + ":" + column + ": " + message;
  }
}
