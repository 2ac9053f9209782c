package io.strata.schema.model;

/** What happens to the data when a volume or snapshot leaves Git. {@code RETAIN} is the default. */
public enum DeletionPolicy {
  RETAIN,
  DELETE
}
