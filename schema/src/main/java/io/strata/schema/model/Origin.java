package io.strata.schema.model;

/**
 * Where a document (or a value inside it) was written: file relative to the manifest root, 1-based
 * line and column.
 */
public record Origin(String file, int line, int column) {
  public static final Origin UNKNOWN = new Origin("<unknown>", 0, 0);

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
