package io.strata.schema.model;

/**
 * {@code kind: Snapshot}: a point-in-time copy of {@code volume}, taken on every diskful replica.
 */
public record Snapshot(Metadata metadata, String volume, DeletionPolicy deletionPolicy) {
  public Snapshot {
    deletionPolicy = deletionPolicy == null ? DeletionPolicy.RETAIN : deletionPolicy;
  }

  public String name() {
    return metadata.name();
  }
}
