package io.strata.schema.model;

import java.util.List;

/**
 * {@code kind: Volume}: a block device of {@code size} built from {@code template}, with optional
 * placement overrides, the nodes that must see the device ({@code access}), and what happens to its
 * data when it leaves Git.
 */
public record Volume(
    Metadata metadata,
    Size size,
    String template,
    Placement placement,
    List<String> access,
    DeletionPolicy deletionPolicy,
    boolean protect) {
  public Volume {
    placement = placement == null ? Placement.NONE : placement;
    access = access == null ? List.of() : List.copyOf(access);
    deletionPolicy = deletionPolicy == null ? DeletionPolicy.RETAIN : deletionPolicy;
  }

  public String name() {
    return metadata.name();
  }
}
